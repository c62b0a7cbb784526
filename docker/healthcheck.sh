#!/bin/bash
# Docker HEALTHCHECK: GET /health on the local HTTP port with bash's /dev/tcp (the JRE image has no curl or wget).
# Healthy only on "200": /health answers 503 when a required bridge is down.
port="${RUNG_HTTP_PORT:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || { echo "nothing listens on 127.0.0.1:${port}"; exit 1; }
printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
read -r -t 8 status <&3 || { echo "no answer from /health"; exit 1; }
exec 3<&-
case "$status" in
  "HTTP/1."?" 200 "*) exit 0 ;;
  *) echo "/health: ${status}"; exit 1 ;;
esac
