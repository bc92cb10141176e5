# Reference values for agreement (docs/scoring.md): R's multilevel::rwg, rwg.j and
# rwg.j.lindell on the data sets multilevel ships (lq2002, bhr2000) and on cases of
# our own. Run from this folder: Rscript make.R (writes the CSVs and agreement.json;
# the tests read them, CI has no R).
suppressPackageStartupMessages(library(multilevel))
suppressPackageStartupMessages(library(jsonlite))
data(lq2002)
data(bhr2000)

null_variance <- function(points) mean((points - mean(points))^2)  # uniform over the points

per_group <- function(data, grp, items, ranvar) {
  x <- data[, items, drop = FALSE]
  single <- rwg(x[, 1], grp, ranvar = ranvar)
  multi <- rwg.j(x, grp, ranvar = ranvar)
  lindell <- rwg.j.lindell(x, grp, ranvar = ranvar)
  # rwg.j.lindell needs two columns or more; for one item r*wg is 1 - var / null, untruncated
  first <- tapply(x[, 1], grp, var)
  list(
    group = as.character(multi$grpid),
    gsize = multi$gsize,
    rwg = single$rwg,
    rwg_star_1 = as.numeric(1 - first[as.character(multi$grpid)] / ranvar),
    rwg_j = multi$rwg.j,
    rwg_star = lindell$rwg.lindell
  )
}

lq <- lq2002[, c("COMPID", sprintf("LEAD%02d", 1:11), sprintf("TSIG%02d", 1:3),
                 sprintf("HOSTIL%02d", 1:5))]
bhr <- bhr2000[, c("GRP", "AF06", "AF07", "AP12", "AP17", "AP33", "AP34", "AS14", "AS15",
                   "AS16", "AS17", "AS28")]
write.csv(lq, "lq2002.csv", row.names = FALSE)
write.csv(bhr, "bhr2000.csv", row.names = FALSE)

five <- null_variance(1:5)
zero4 <- null_variance(0:4)
datasets <- list(
  lq2002 = list(
    file = "lq2002.csv", group = "COMPID",
    blocks = list(
      list(items = sprintf("LEAD%02d", 1:11), points = 1:5,
           values = per_group(lq, lq$COMPID, sprintf("LEAD%02d", 1:11), five)),
      list(items = sprintf("TSIG%02d", 1:3), points = 1:5,
           values = per_group(lq, lq$COMPID, sprintf("TSIG%02d", 1:3), five)),
      list(items = sprintf("HOSTIL%02d", 1:5), points = 0:4,
           values = per_group(lq, lq$COMPID, sprintf("HOSTIL%02d", 1:5), zero4))
    )
  ),
  bhr2000 = list(
    file = "bhr2000.csv", group = "GRP",
    blocks = list(
      list(items = names(bhr)[-1], points = 1:5,
           values = per_group(bhr, bhr$GRP, names(bhr)[-1], five))
    )
  )
)

# Cases of our own: answers (rows raters, columns items, NA not answered) on a scale.
# multilevel drops raters with any NA, so with gaps the item variances are R's var(na.rm).
own_case <- function(name, points, answers) {
  x <- matrix(unlist(answers), nrow = length(answers), byrow = TRUE)
  ranvar <- null_variance(points)
  s <- mean(apply(x, 2, var, na.rm = TRUE))
  j <- ncol(x)
  complete <- x[stats::complete.cases(x), , drop = FALSE]
  out <- list(
    name = name, points = points, answers = answers, null_variance = ranvar,
    mean_item_variance = s,
    rwg_j = if (s >= ranvar) 0 else (j * (1 - s / ranvar)) / (j * (1 - s / ranvar) + s / ranvar),
    rwg_star = 1 - s / ranvar
  )
  if (nrow(complete) == nrow(x)) {  # no gaps: multilevel itself
    g <- rep(1, nrow(x))
    if (j >= 2) out$rwg_j_multilevel <- rwg.j(as.data.frame(x), g, ranvar = ranvar)$rwg.j
    if (j >= 2) out$rwg_star_multilevel <- rwg.j.lindell(as.data.frame(x), g, ranvar = ranvar)$rwg.lindell
    if (j == 1) out$rwg_multilevel <- rwg(x[, 1], g, ranvar = ranvar)$rwg
  }
  out
}
own <- list(
  own_case("issue 11: 2 3 3 3 4 on 1-5", 1:5, list(2, 3, 3, 3, 4)),
  own_case("issue 11: the same by rank on 0 2 4 6 8", c(0, 2, 4, 6, 8), list(2, 4, 4, 4, 6)),
  own_case("two camps on 1-5: r*wg below 0", 1:5, list(1, 1, 5, 5)),
  own_case("one item, same spread", 1:5, list(2, 3, 4, 3)),
  own_case("five items, same spread", 1:5,
           list(c(2, 2, 2, 2, 2), c(3, 3, 3, 3, 3), c(4, 4, 4, 4, 4), c(3, 3, 3, 3, 3))),
  own_case("eleven items, same spread", 1:5,
           list(rep(2, 11), rep(3, 11), rep(4, 11), rep(3, 11))),
  own_case("one item", 1:5, list(3, 4, 4, 5, 5)),
  own_case("gapped 1 3 5 7", c(1, 3, 5, 7), list(c(1, 3), c(3, 3), c(5, 7), c(7, 5))),
  own_case("negative -5..-1", -5:-1, list(c(-5, -4), c(-4, -4), c(-3, -2))),
  own_case("seven points, three items", 1:7,
           list(c(4, 5, 6), c(5, 5, 6), c(6, 7, 7), c(4, 4, 5), c(5, 6, 7))),
  own_case("gaps: not every item answered", 1:5,
           list(c(4, 5, NA), c(3, NA, 2), c(5, 4, 3), c(4, 4, NA), c(2, 5, 4)))
)
write_json(
  list(
    note = "Made by make.R in this folder (R multilevel); read by tests/scoring/test_scoring_agreement.py",
    r_version = R.version.string,
    multilevel_version = as.character(packageVersion("multilevel")),
    datasets = datasets,
    own = own
  ),
  "agreement.json", digits = NA, auto_unbox = TRUE, na = "null", pretty = TRUE
)
