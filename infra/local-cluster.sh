#!/usr/bin/env bash
# Redis + two FairWatch instances + nginx on this machine, without Docker.
#   infra/local-cluster.sh            # then open http://localhost:8080
# Needs redis-server and nginx (Debian: apt-get install redis-server nginx-light). Ctrl+C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in redis-server nginx pnpm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "local-cluster: $tool is required (see the comment at the top)" >&2; exit 1; }
done

state="${FAIRWATCH_CLUSTER_DIR:-$(mktemp -d -t fairwatch-cluster-XXXX)}"
mkdir -p "$state/redis" "$state/nginx/logs"
export REDIS_URL="redis://127.0.0.1:${REDIS_PORT:-6390}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-cluster-demo}"
export DEMO_DEVICE_KEY="${DEMO_DEVICE_KEY:-cluster-device-key}"
# nginx on this machine forwards the client's address; nobody else's X-Forwarded-For is believed.
export TRUST_PROXY="${TRUST_PROXY:-127.0.0.1}"
pids=()
stop() {
  echo "local-cluster: stopping"
  [ -f "$state/nginx/nginx.pid" ] && nginx -p "$state/nginx" -c nginx.conf -s quit 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

redis-server infra/redis/redis.conf --port "${REDIS_PORT:-6390}" --dir "$state/redis" --daemonize no --logfile "$state/redis/redis.log" &
pids+=($!)
until redis-cli -p "${REDIS_PORT:-6390}" ping >/dev/null 2>&1; do sleep 0.1; done

[ -f dashboard/dist/index.html ] || pnpm build
for port in 3001 3002; do
  PORT=$port pnpm --silent serve > "$state/instance-$port.log" 2>&1 &
  pids+=($!)
done
for port in 3001 3002; do
  until curl -fs "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; do sleep 0.2; done
done

cat > "$state/nginx/nginx.conf" <<CONF
worker_processes 1;
pid nginx.pid;
error_log logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $state/nginx/body;
  proxy_temp_path $state/nginx/proxy;
  include $(pwd)/infra/nginx/fairwatch.conf;
}
CONF
nginx -p "$state/nginx" -c nginx.conf
echo "
  FairWatch cluster: Redis ($REDIS_URL) + instances :3001 and :3002 + nginx
  Dashboard  http://localhost:8080   (user operations|security|manager|admin, password $DEMO_PASSWORD)
  Devices    POST http://localhost:8080/api/v1/counts with 'Authorization: Bearer $DEMO_DEVICE_KEY'
  Logs       $state
  Ctrl+C stops everything.
"
wait "${pids[0]}"
