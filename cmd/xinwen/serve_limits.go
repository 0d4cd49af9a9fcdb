package main

import (
	"flag"
	"time"

	"github.com/xinwen-search/xinwen/admission"
	"github.com/xinwen-search/xinwen/web"
)

// limitFlags are serve's defences against expensive and abusive traffic:
// search budgets, admission of expensive queries, whose addresses to
// believe. docs/operations.md explains how to size them.
type limitFlags struct {
	searchTimeout  time.Duration
	exportTimeout  time.Duration
	slots, queue   int
	trustedProxies string
	rateLimit      float64
}

func (lf *limitFlags) flags(fs *flag.FlagSet) {
	fs.DurationVar(&lf.searchTimeout, "search-timeout", web.DefaultSearchTimeout,
		"deadline of one search, waiting for admission included; past it the search answers 504 timeout")
	fs.DurationVar(&lf.exportTimeout, "export-timeout", web.DefaultExportTimeout,
		"deadline of a whole GET /api/export, which pages through every match")
	fs.IntVar(&lf.slots, "expensive-slots", 0,
		"how many expensive searches run at once (0: half the cores, at least 1)")
	fs.IntVar(&lf.queue, "expensive-queue", -1,
		"how many expensive searches may wait for a slot before more are refused with 429 (-1: twice the slots)")
	fs.StringVar(&lf.trustedProxies, "trusted-proxies", "",
		"comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client; empty: trust none")
	fs.Float64Var(&lf.rateLimit, "rate-limit", 0,
		"read requests a second allowed per client address on average, in bursts of twice that; over it 429 rate_limited (0: no limit)")
}

// apply sets the web options the flags govern; coster classes searches.
func (lf *limitFlags) apply(opt *web.Options, coster web.Coster) error {
	proxies, err := web.ParseTrustedProxies(lf.trustedProxies)
	if err != nil {
		return err
	}
	opt.TrustedProxies = proxies
	opt.SearchTimeout, opt.ExportTimeout = lf.searchTimeout, lf.exportTimeout
	opt.Coster = coster
	opt.RateLimit = lf.rateLimit
	opt.Gate = admission.New(lf.slots, lf.queue)
	return nil
}
