# Reference values for behaviours.scoring.effect_sizes, norms and cohorts (tests/scoring/test_effect_sizes.py).
#
# Run from this folder: Rscript make.R > cohorts.json
# Written with R 4 and the Debian packages r-cran-effectsize 0.8.3, r-cran-psych 2.2.9 and
# r-cran-jsonlite. effectsize 0.8.3 has cohens_d(paired = TRUE) (d_z, noncentral t interval)
# and hedges_g(paired = TRUE); it has no repeated_measures_d (added in 0.9), so d_av is
# computed here with base R exactly as effectsize 1.0.3's repeated_measures_d(method = "av",
# adjust = TRUE) defines it: s_av = sqrt((var(x) + var(y)) / 2), normal interval
# d +/- z * sqrt(var(x - y) / n) / s_av (Algina & Keselman 2003), all times the exact
# Hedges J(n - 1).
suppressPackageStartupMessages({
  library(effectsize)
  library(psych)
  library(jsonlite)
})

set.seed(20261201)
J <- function(df) exp(lgamma(df / 2) - log(sqrt(df / 2)) - lgamma((df - 1) / 2))

# The exact d_z interval: the noncentrality parameters that put the observed t at 97.5% and 2.5%.
exact_ncp <- function(t, df) {
  f <- function(p) uniroot(function(ncp) pt(t, df, ncp) - p, c(t - 8, t + 8), tol = 1e-14)$root
  c(f(0.975), f(0.025))
}

pair <- function(before, after) {
  n <- length(before)
  diff <- after - before
  tt <- t.test(after, before, paired = TRUE)
  dz <- cohens_d(after, before, paired = TRUE)
  gz <- hedges_g(after, before, paired = TRUE)
  s_av <- sqrt((var(before) + var(after)) / 2)
  d_av <- mean(diff) / s_av
  half <- qnorm(0.975) * sqrt(var(diff) / n) / s_av
  ncp <- exact_ncp(mean(diff) / sd(diff) * sqrt(n), n - 1)
  list(
    before = before, after = after, n = n,
    change = mean(diff), sd_change = sd(diff),
    ci_low = tt$conf.int[1], ci_high = tt$conf.int[2],
    d_z = dz$Cohens_d, d_z_low_effectsize = dz$CI_low, d_z_high_effectsize = dz$CI_high,
    d_z_low = ncp[1] / sqrt(n), d_z_high = ncp[2] / sqrt(n),
    g_z = gz$Hedges_g,
    g_av = d_av * J(n - 1), g_av_low = (d_av - half) * J(n - 1), g_av_high = (d_av + half) * J(n - 1),
    hedges_j = J(n - 1)
  )
}

round2 <- function(x) round(x * 4) / 4  # scores on a 1-5 scale in quarters, like four-item means
pairs <- list()
for (n in c(5, 12, 40)) {
  before <- round2(pmin(5, pmax(1, rnorm(n, 3.4, 0.6))))
  after <- round2(pmin(5, pmax(1, before + rnorm(n, 0.2, 0.4))))
  pairs[[length(pairs) + 1]] <- pair(before, after)
}
pairs[[length(pairs) + 1]] <- pair(c(3.2, 3.5, 2.8, 4.1, 3.9, 3.0, 3.6), c(3.6, 3.7, 3.1, 4.0, 4.4, 3.5, 3.9))

# Cronbach's alpha (psych::alpha raw_alpha) of a people x items matrix.

latent <- rnorm(30, 0, 0.8)
items <- matrix(pmin(5, pmax(1, round(3.4 + latent + rnorm(120, 0, 0.6)))), 30, 4)
a <- psych::alpha(as.data.frame(items), warnings = FALSE)$total$raw_alpha

# Jacobson-Truax RCI counts for the third pair with that alpha.
p <- pairs[[3]]
s_diff <- sqrt(2) * sd(p$before) * sqrt(1 - a)
rc <- (p$after - p$before) / s_diff
rci <- list(reliability = a, sd_before = sd(p$before), s_diff = s_diff,
            improved = sum(rc > qnorm(0.975)), deteriorated = sum(rc < -qnorm(0.975)))

# Mid-rank percentiles: R's (rank - 0.5) / n with ties averaged is (below + equal / 2) / n.
norm_scores <- round2(pmin(5, pmax(1, rnorm(35, 3.5, 0.7))))
probe <- c(1, 2.5, 3.5, 3.75, 5, 4.1)
pr <- sapply(probe, function(x) 100 * (sum(norm_scores < x) + sum(norm_scores == x) / 2) / length(norm_scores))
norm <- list(scores = norm_scores, probe = probe, percentile = pr,
             mean = mean(norm_scores), sd = sd(norm_scores),
             z = (probe - mean(norm_scores)) / sd(norm_scores))

cat(toJSON(list(
  made_with = paste("R", R.version$major, R.version$minor, "effectsize", packageVersion("effectsize"),
                    "psych", packageVersion("psych")),
  pairs = pairs, alpha = list(items = items, raw_alpha = a), rci = rci, norm = norm
), digits = NA, auto_unbox = TRUE, pretty = TRUE))
cat("\n")
