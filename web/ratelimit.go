package web

import (
	"errors"
	"math"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// errRateLimited is a client over Options.RateLimit.
var errRateLimited = errors.New("rate limited")

// maxClients bounds the limiter's memory: past it, clients idle for a
// minute (whose buckets are full again anyway) are forgotten.
const maxClients = 10000

// clientLimiter is a token bucket per client address.
type clientLimiter struct {
	per   rate.Limit
	burst int
	mu    sync.Mutex
	seen  map[string]*clientBucket
}

type clientBucket struct {
	l    *rate.Limiter
	last time.Time
}

// newClientLimiter allows each client perSecond requests a second on
// average, in bursts of twice that (at least 1).
func newClientLimiter(perSecond float64) *clientLimiter {
	return &clientLimiter{per: rate.Limit(perSecond), burst: max(1, int(math.Ceil(2*perSecond))),
		seen: map[string]*clientBucket{}}
}

// wait reports how long client must wait before its next request is
// allowed; 0 means it is allowed now, and counted.
func (cl *clientLimiter) wait(client string, now time.Time) time.Duration {
	cl.mu.Lock()
	defer cl.mu.Unlock()
	b := cl.seen[client]
	if b == nil {
		if len(cl.seen) >= maxClients {
			cl.forget(now)
		}
		b = &clientBucket{l: rate.NewLimiter(cl.per, cl.burst)}
		cl.seen[client] = b
	}
	b.last = now
	r := b.l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d
	}
	return 0
}

func (cl *clientLimiter) forget(now time.Time) {
	for k, b := range cl.seen {
		if now.Sub(b.last) > time.Minute {
			delete(cl.seen, k)
		}
	}
}

// rateLimit answers 429 rate_limited, with Retry-After, to a client
// (c.ClientIP: see Options.TrustedProxies) over Options.RateLimit.
func (s *Server) rateLimit() gin.HandlerFunc {
	if s.opt.RateLimit <= 0 {
		return func(c *gin.Context) { c.Next() }
	}
	cl := newClientLimiter(s.opt.RateLimit)
	return func(c *gin.Context) {
		if d := cl.wait(c.ClientIP(), time.Now()); d > 0 {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(d.Seconds()))))
			s.fail(c, errRateLimited)
			return
		}
		c.Next()
	}
}
