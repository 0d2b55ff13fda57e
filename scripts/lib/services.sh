# shellcheck shell=bash
# The five services and their HTTP ports, in start order (cache-service first:
# query-router and load-balancer call it). Sourced, not executed.
# Keep in sync with each module's application.properties (quarkus.http.port; the
# load-balancer's lb.proxy.port and quarkus.management.port).

# shellcheck disable=SC2034 # used by the scripts that source this file
SUITE_SERVICES=(cache-service query-router load-balancer autoscaler resource-monitor)

service_port() {
  case $1 in
    load-balancer) echo 8080 ;;
    cache-service) echo 8081 ;;
    query-router) echo 8082 ;;
    autoscaler) echo 8083 ;;
    resource-monitor) echo 8084 ;;
    *) return 1 ;;
  esac
}

# metrics_port SERVICE: where /q/health and /q/metrics are served (the load-balancer's
# management interface; the others serve them on their HTTP port).
metrics_port() {
  case $1 in
    load-balancer) echo 9080 ;;
    *) service_port "$1" ;;
  esac
}
