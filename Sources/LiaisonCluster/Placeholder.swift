// The seven-city local cluster (issue 5).
