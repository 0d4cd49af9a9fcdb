package web

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/xinwen-search/xinwen"
	"github.com/xinwen-search/xinwen/admission"
)

// Search budgets when Options leave them zero.
const (
	// DefaultSearchTimeout bounds one search from the search box or the
	// API, waiting for a slot included.
	DefaultSearchTimeout = 2 * time.Second
)

// retryAfter is what a client turned away (429) is told to wait: about
// the time an expensive query takes, after which a slot is likely free.
const retryAfter = time.Second

// Coster classes a request before it runs (search.Live does, from the
// index); without one every query is cheap and admission lets it through.
type Coster interface {
	Cost(ctx context.Context, req xinwen.SearchRequest) admission.Class
}

// admitMetrics counts what admission did, by cost class.
type admitMetrics struct{ outcomes *prometheus.CounterVec }

func newAdmitMetrics(reg prometheus.Registerer) admitMetrics {
	m := admitMetrics{outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "xinwen_search_admission_total",
		Help: "Searches by cost class and what admission did with them: admitted (ran at once), " +
			"queued (waited for a slot, then ran), rejected (queue full, 429), abandoned (deadline " +
			"ended in the queue, 504), timed_out (deadline ended while running, 504).",
	}, []string{"class", "outcome"})}
	for _, c := range admission.Classes {
		for _, o := range []string{"admitted", "queued", "rejected", "abandoned", "timed_out"} {
			m.outcomes.WithLabelValues(c.String(), o) // exported from the start, at 0
		}
	}
	reg.MustRegister(m.outcomes)
	return m
}

// searchWithin runs req within budget, through admission by its cost
// class. A search of the box or the API has Options.SearchTimeout; an
// export or an analyst's call should pass Options.ExportTimeout. The
// request's own deadline (Options.RequestTimeout) still applies.
func (s *Server) searchWithin(c *gin.Context, req xinwen.SearchRequest, budget time.Duration) (*xinwen.Result, error) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), budget)
	defer cancel()
	class := admission.Cheap
	if s.opt.Coster != nil {
		class = s.opt.Coster.Cost(ctx, req)
	}
	release, o, err := s.gate.Admit(ctx, class)
	s.admitted.outcomes.WithLabelValues(class.String(), o.String()).Inc()
	if errors.Is(err, admission.ErrBusy) {
		c.Header("Retry-After", strconv.Itoa(int(retryAfter.Seconds())))
	}
	if err != nil {
		return nil, err
	}
	defer release()
	res, err := s.s.Search(ctx, req)
	if errors.Is(err, context.DeadlineExceeded) {
		s.admitted.outcomes.WithLabelValues(class.String(), "timed_out").Inc()
	}
	return res, err
}
