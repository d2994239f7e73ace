# Reference raking with R's survey package, used by RakingMatchesRSurveyTests.
# Usage: Rscript rake.R responses.csv age_margin.csv sex_margin.csv weights_out.txt
# responses.csv: columns age, sex, w (design weight). Margins: columns <variable>, Freq.
# Runs rake() to full convergence (not the package default of 10 sweeps) and writes one weight per line
# with 17 significant digits.
args <- commandArgs(trailingOnly = TRUE)
stopifnot(length(args) == 4)
suppressPackageStartupMessages(library(survey))
d <- read.csv(args[1], colClasses = c("character", "character", "numeric"))
age_margin <- read.csv(args[2], colClasses = c("character", "numeric"))
sex_margin <- read.csv(args[3], colClasses = c("character", "numeric"))
d$age <- factor(d$age, levels = age_margin$age)
d$sex <- factor(d$sex, levels = sex_margin$sex)
age_margin$age <- factor(age_margin$age, levels = age_margin$age)
sex_margin$sex <- factor(sex_margin$sex, levels = sex_margin$sex)
design <- svydesign(ids = ~1, data = d, weights = ~w)
raked <- rake(design, list(~age, ~sex), list(age_margin, sex_margin),
              control = list(maxit = 1000, epsilon = 1e-9, verbose = FALSE))
writeLines(sprintf("%.17g", weights(raked)), args[4])
