# References for behaviours' item analysis (docs/analysis.md), from R psych and multilevel.
#
# Run from this folder: Rscript make.R  (writes analysis.json; the tests read it, CI has no R).
# Data: planted.csv and groups.csv (make_data.py, generated with known structure) and
# bfi.csv (the first 600 rows of the 25 items of psych::bfi, a data set psych ships).
# Each behaviour is analysed on its complete cases (listwise), after reverse keying
# (min + max - rating), as behaviours does.
suppressPackageStartupMessages({library(psych); library(multilevel); library(jsonlite)})

scale_stats <- function(data, items, reverse, lo, hi) {
  x <- data[, items, drop = FALSE]
  for (i in reverse) x[[i]] <- lo + hi - x[[i]]
  x <- x[complete.cases(x), , drop = FALSE]
  a <- psych::alpha(x, check.keys = FALSE, warnings = FALSE)
  ci <- psych::alpha.ci(a$total$raw_alpha, nrow(x), length(items))
  f <- psych::fa(x, nfactors = 1, fm = "minres")
  om <- suppressWarnings(psych::omega(x, nfactors = 1, fm = "minres", flip = FALSE, plot = FALSE))
  R <- cor(x)
  list(
    n = nrow(x), items = items,
    raw_alpha = a$total$raw_alpha, average_r = a$total$average_r,
    feldt_low = ci$lower.ci, feldt_high = ci$upper.ci,
    r_drop = unname(a$item.stats$r.drop), alpha_drop = unname(a$alpha.drop$raw_alpha),
    loadings = unname(as.vector(f$loadings)), uniquenesses = unname(f$uniquenesses),
    omega_from_fa = 1 - sum(f$uniquenesses) / sum(R),
    omega_tot = om$omega.tot
  )
}

item_stats <- function(data, lo, hi) {
  lapply(data, function(v) {
    v <- v[!is.na(v)]
    list(n = length(v), mean = mean(v), sd = sd(v), floor = mean(v == lo), ceiling = mean(v == hi))
  })
}

planted <- read.csv("planted.csv", check.names = FALSE)
bfi <- read.csv("bfi.csv")
groups <- read.csv("groups.csv")

icc <- lapply(c(y1 = "y1", y2 = "y2"), function(y) {
  model <- aov(groups[[y]] ~ as.factor(groups$group))
  list(icc1 = multilevel::ICC1(model), icc2 = multilevel::ICC2(model),
       n = nrow(groups), groups = length(unique(groups$group)))
})

out <- list(
  r_version = R.version.string,
  psych = as.character(packageVersion("psych")),
  multilevel = as.character(packageVersion("multilevel")),
  planted = list(
    b0 = scale_stats(planted, c("b0.d0", "b0.d1", "b0.d2", "b0.d3", "b0.n0"), "b0.n0", 1, 5),
    b1 = scale_stats(planted, c("b1.d0", "b1.d1", "b1.d2", "b1.n0", "b1.n1"),
                     c("b1.n0", "b1.n1"), 1, 5),
    items = item_stats(planted, 1, 5)
  ),
  bfi = list(
    a = scale_stats(bfi, c("a2", "a3", "a4", "a5", "a1"), "a1", 1, 6),
    c = scale_stats(bfi, c("c1", "c2", "c3", "c4", "c5"), c("c4", "c5"), 1, 6),
    e = scale_stats(bfi, c("e3", "e4", "e5", "e1", "e2"), c("e1", "e2"), 1, 6),
    n = scale_stats(bfi, c("n1", "n2", "n3", "n4", "n5"), character(0), 1, 6),
    o = scale_stats(bfi, c("o1", "o3", "o4", "o2", "o5"), c("o2", "o5"), 1, 6),
    items = item_stats(bfi, 1, 6)
  ),
  icc = icc
)
writeLines(toJSON(out, auto_unbox = TRUE, digits = I(17), pretty = TRUE), "analysis.json")
