#!/usr/bin/env bash
# A 3-node MariaDB Galera cluster on loopback for the multi-replica tests (DESIGN §10).
#   scripts/galera-cluster.sh start [dir]   nodes on 127.0.0.1:3311-3313, root without password
#   scripts/galera-cluster.sh stop  [dir]
# Needs MariaDB 10.11 with Debian's galera-4 and rsync; run as root (the nodes run as `mysql`:
# as root the rsync state transfer fails with "Permission denied").
set -euo pipefail

DIR=${2:-/tmp/twofold-galera}
NODES=(1 2 3)
port() { echo $((3310 + $1)); }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
ping_node() { mariadb-admin --host=127.0.0.1 --port="$(port "$1")" --user=root ping >/dev/null 2>&1; }

start() {
  # a cluster left over from an earlier run would keep the ports: begin from nothing
  stop
  as_root mkdir -p "$DIR"
  for n in "${NODES[@]}"; do
    local node="$DIR/node$n"
    as_root mkdir -p "$node/data"
    cat <<CNF | as_root tee "$node/my.cnf" >/dev/null
[mysqld]
datadir=$node/data
socket=$node/mysqld.sock
pid-file=$node/mysqld.pid
port=$(port "$n")
bind-address=127.0.0.1
log-error=$node/error.log
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=64M
innodb_log_file_size=32M
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=twofold_test
wsrep_cluster_address=gcomm://127.0.0.1:4561,127.0.0.1:4562,127.0.0.1:4563
wsrep_node_address=127.0.0.1:456$n
wsrep_node_name=node$n
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:456$n;ist.recv_addr=127.0.0.1:457$n;gcache.size=64M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:458$n
# reads wait until this node has applied what the cluster committed before them
wsrep_sync_wait=1
CNF
    if [ ! -d "$node/data/mysql" ]; then
      as_root mariadb-install-db --no-defaults --datadir="$node/data" --user=mysql \
        --auth-root-authentication-method=normal >/dev/null
    fi
  done
  as_root chown -R mysql:mysql "$DIR"
  for n in "${NODES[@]}"; do
    local extra=()
    [ "$n" -eq 1 ] && extra=(--wsrep-new-cluster)
    as_root start-stop-daemon --start --background --chuid mysql --pidfile "$DIR/node$n/mysqld.pid" \
      --exec /usr/sbin/mariadbd -- --defaults-file="$DIR/node$n/my.cnf" --user=mysql "${extra[@]}"
    for _ in $(seq 1 60); do ping_node "$n" && break; sleep 1; done
    ping_node "$n" || { echo "node $n did not start:"; as_root tail -30 "$DIR/node$n/error.log"; exit 1; }
  done
  for _ in $(seq 1 30); do
    size=$(mariadb --host=127.0.0.1 --port="$(port 1)" --user=root -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" | awk '{print $2}')
    [ "$size" = "3" ] && break
    sleep 1
  done
  [ "$size" = "3" ] || { echo "the cluster has $size nodes, not 3"; exit 1; }
  echo "Galera cluster of 3 nodes on 127.0.0.1:$(port 1),$(port 2),$(port 3)"
}

stop() {
  for n in 3 2 1; do
    if ping_node "$n"; then
      mariadb-admin --host=127.0.0.1 --port="$(port "$n")" --user=root shutdown || true
    fi
  done
  # a node that never answered (a failed state transfer) and its SST rsync daemon would keep
  # their ports from the next start
  as_root pkill -9 -f -- "$DIR/" 2>/dev/null || true
  as_root rm -rf "$DIR"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [dir]"; exit 2 ;;
esac
