# Reference values for behaviours.scoring.statistics (t quantiles, p-values) and
# behaviours.scoring.change (Welch, paired, Holm, Benjamini-Hochberg), from R itself.
# Run from this folder: Rscript make.R   (writes compare.json; the tests only read it)
library(jsonlite)
set.seed(20261201)

p <- c(0.5, 0.6, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.025, 0.001)
df <- c(0.5, 1, 1.3, 2, 2.5, 2.9999999999999996, 3, 4.7, 7.25, 10, 29.5, 30, 31, 120.4, 1000, 1e6)
quantiles <- expand.grid(p = p, df = df)
quantiles$q <- qt(quantiles$p, quantiles$df)

t <- c(0, 0.5, 1.96, 2.5, -3.1, 12)
p_values <- expand.grid(t = t, df = df)
p_values$p <- 2 * pt(-abs(p_values$t), p_values$df)

welch_case <- function(x, y) {
  r <- t.test(y, x, var.equal = FALSE)
  list(before = I(x), after = I(y), estimate = unname(mean(y) - mean(x)), se = unname(r$stderr),
       df = unname(r$parameter), low = r$conf.int[1], high = r$conf.int[2], p = r$p.value)
}
paired_case <- function(x, y) {
  r <- t.test(y, x, paired = TRUE)
  list(before = I(x), after = I(y), estimate = unname(r$estimate), se = unname(r$stderr),
       df = unname(r$parameter), low = r$conf.int[1], high = r$conf.int[2], p = r$p.value)
}
scale <- function(n) sample(1:5, n, replace = TRUE)
welch <- list(welch_case(c(1, 3, 2), c(5, 5, 4, 4)))  # issue 11's example: df = 3
for (k in 1:40) {
  n1 <- sample(2:12, 1); n2 <- sample(2:12, 1)
  x <- scale(n1); y <- scale(n2)
  if (var(x) + var(y) > 0) welch[[length(welch) + 1]] <- welch_case(x, y)
}
paired <- list()
for (k in 1:40) {
  n <- sample(2:15, 1)
  x <- scale(n); y <- pmin(5, pmax(1, x + sample(-1:2, n, replace = TRUE)))
  if (var(y - x) > 0) paired[[length(paired) + 1]] <- paired_case(x, y)
}
adjusted <- list()
for (k in 1:30) {
  m <- sample(1:12, 1)
  pv <- round(runif(m)^3, 6)
  adjusted[[k]] <- list(p = I(pv), holm = I(p.adjust(pv, "holm")), bh = I(p.adjust(pv, "BH")))
}
adjusted[[31]] <- list(p = c(0.01, 0.01, 0.04, 0.2), holm = p.adjust(c(0.01, 0.01, 0.04, 0.2), "holm"),
                       bh = p.adjust(c(0.01, 0.01, 0.04, 0.2), "BH"))
out <- list(
  made_by = paste("tests/references/compare/make.R,", R.version.string),
  quantiles = quantiles, p_values = p_values, welch = welch, paired = paired, adjusted = adjusted
)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, pretty = TRUE), "compare.json")
