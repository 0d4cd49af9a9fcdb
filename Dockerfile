# xinwen in a container: the binary, jieba's dictionaries and the sample
# articles on Debian slim, running as an unprivileged user.
#
#   docker build -t xinwen .
#   docker run --rm -v xinwen-index:/var/lib/xinwen xinwen index /usr/share/xinwen/samples
#   docker run -p 8080:8080 -v xinwen-index:/var/lib/xinwen xinwen
#
# .ci/run's smoke test mirrors these steps without Docker (no engine runs on
# CI): a -trimpath cgo build, the dictionaries copied from the gojieba module
# and found at run time without the module cache, index the samples, serve,
# and GET /healthz and /api/search. Change both together.

FROM golang:1.26-bookworm AS build
WORKDIR /src
# gojieba is C++ behind cgo; the image's gcc/g++ build it.
ENV CGO_ENABLED=1
# Modules first, so editing the source does not download them again.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# -trimpath drops this machine's paths from the binary, including the
# gojieba source path its default dictionary location is derived from: the
# dictionaries must therefore travel with the image (XINWEN_DICT below).
RUN go build -trimpath -ldflags="-s -w" -o /out/xinwen ./cmd/xinwen \
 && cp -R "$(go list -m -f '{{.Dir}}' github.com/yanyiwu/gojieba)/deps/cppjieba/dict" /out/dict \
 && chmod -R u+w,a+rX /out/dict \
 && /out/xinwen analyze --dict /out/dict --mode query 人工智能 >/dev/null

FROM debian:bookworm-slim
# libstdc++6: gojieba's runtime; tzdata: --zone (default Asia/Shanghai);
# curl: the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl libstdc++6 tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --user-group --uid 10001 --home-dir /var/lib/xinwen --no-create-home \
      --shell /usr/sbin/nologin xinwen \
 && install -d -o xinwen -g xinwen -m 0755 /var/lib/xinwen
COPY --from=build /out/xinwen /usr/local/bin/xinwen
COPY --from=build /out/dict /usr/share/xinwen/dict
COPY data/samples /usr/share/xinwen/samples

ENV XINWEN_INDEX=/var/lib/xinwen \
    XINWEN_ADDR=0.0.0.0:8080 \
    XINWEN_DICT=/usr/share/xinwen/dict
# The index lives on a volume so that it outlives the container and an
# `xinwen index` run in another container publishes to the running server
# (it checks for a new generation every --reload-interval).
VOLUME /var/lib/xinwen
WORKDIR /var/lib/xinwen
USER xinwen
EXPOSE 8080
# The port is taken from XINWEN_ADDR, so a changed port keeps the check right.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${XINWEN_ADDR##*:}/healthz" || exit 1
ENTRYPOINT ["xinwen"]
CMD ["serve"]
