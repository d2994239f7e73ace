# Benchmark companion: rakes every district of a responses file with R's survey::rake, the reference
# implementation, and reports the time spent in rake() alone. Usage: Rscript rake-districts.R R.csv M.csv W.csv
# Files are those of `surveys weights` (responses id,district,age_band,sex; margins district,variable,category,population).
args <- commandArgs(trailingOnly = TRUE)
suppressPackageStartupMessages(library(survey))
r <- read.csv(args[1], colClasses = "character")
m <- read.csv(args[2], colClasses = c("character", "character", "character", "numeric"))
out <- list()
elapsed <- 0
for (d in unique(r$district)) {
  rd <- r[r$district == d, ]
  md <- m[m$district == d, ]
  age <- md[md$variable == "age_band", c("category", "population")]; names(age) <- c("age_band", "Freq")
  sex <- md[md$variable == "sex", c("category", "population")]; names(sex) <- c("sex", "Freq")
  rd$age_band <- factor(rd$age_band, levels = age$age_band); age$age_band <- factor(age$age_band, levels = age$age_band)
  rd$sex <- factor(rd$sex, levels = sex$sex); sex$sex <- factor(sex$sex, levels = sex$sex)
  t0 <- proc.time()[["elapsed"]]
  design <- svydesign(ids = ~1, data = rd, weights = ~1)
  raked <- rake(design, list(~age_band, ~sex), list(age, sex), control = list(maxit = 1000, epsilon = 1e-10, verbose = FALSE))
  elapsed <- elapsed + proc.time()[["elapsed"]] - t0
  out[[d]] <- data.frame(id = rd$id, weight = sprintf("%.17g", weights(raked)))
}
w <- do.call(rbind, out)
write.csv(w, args[3], row.names = FALSE, quote = FALSE)
cat(sprintf("R survey::rake: %.1f ms for %d responses in %d districts\n", elapsed * 1000, nrow(r), length(unique(r$district))))
