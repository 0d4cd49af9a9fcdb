package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/xinwen-search/xinwen"
)

// metrics lives in a registry of its own, so two Servers (as in tests)
// never collide on the global one.
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
}

func newMetrics(s statsReader) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xinwen_http_requests_total",
			Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "xinwen_http_request_duration_seconds",
			Help:    "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
	}
	m.reg.MustRegister(m.requests, m.duration, indexCollector{s},
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) observe(route string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route).Observe(took.Seconds())
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

var (
	docsDesc = prometheus.NewDesc("xinwen_index_docs",
		"Documents in the open index.", nil, nil)
	sizeDesc = prometheus.NewDesc("xinwen_index_size_bytes",
		"On-disk size of the open index.", nil, nil)
	generationDesc = prometheus.NewDesc("xinwen_index_generation_info",
		"Always 1, labelled with the open index generation.", []string{"generation"}, nil)
)

// statsReader is what the metrics need of the index.
type statsReader interface{ Stats() xinwen.Stats }

// indexCollector reads Stats at scrape time, so the gauges follow index swaps.
type indexCollector struct{ s statsReader }

func (c indexCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- docsDesc
	ch <- sizeDesc
	ch <- generationDesc
}

func (c indexCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.s.Stats()
	ch <- prometheus.MustNewConstMetric(docsDesc, prometheus.GaugeValue, float64(st.Docs))
	ch <- prometheus.MustNewConstMetric(sizeDesc, prometheus.GaugeValue, float64(st.SizeBytes))
	ch <- prometheus.MustNewConstMetric(generationDesc, prometheus.GaugeValue, 1, st.Generation)
}
