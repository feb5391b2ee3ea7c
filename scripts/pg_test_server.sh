#!/usr/bin/env bash
# A throwaway PostgreSQL server for msgdesk's tests: one cluster in one folder, reachable
# only through a Unix socket in that folder (no TCP), stopped and deleted with the folder.
#
#   export MSGDESK_TEST_PG="$(scripts/pg_test_server.sh start [DIR])"   # prints the URL
#   scripts/pg_test_server.sh stop "$MSGDESK_TEST_PG"                   # or: stop DIR
#   export MSGDESK_TEST_PG_TLS="$(scripts/pg_test_server.sh start-tls [DIR])"  # prints DIR
#   scripts/pg_test_server.sh stop "$MSGDESK_TEST_PG_TLS"
#
# start-tls (issue 19) makes a throwaway test CA and three servers on 127.0.0.1 (each also
# on its own socket in DIR, for set-up): "tls" with a certificate from the CA for the name
# localhost, "expired" with an expired one from the same CA, "plain" with TLS off.  TCP
# logins need the password in DIR/password (SCRAM); each server's URL is in DIR/<name>-url,
# the CA in DIR/certs/ca.crt and an unrelated CA in DIR/certs/other-ca.crt.  Nothing listens
# on any address but 127.0.0.1.
#
# DIR (default: a new folder in /dev/shm, else in /tmp) must be absent or empty, and its path
# short (a Unix socket path is limited to about 100 bytes) and made of letters, digits and
# / . _ - only.  Memory (/dev/shm) is the default because the tests create and drop a
# database each: on this disk CREATE DATABASE takes 40-200 ms and slows as the page cache
# fills with dirty data, in memory 7 ms.  A start that fails removes what it made.
# `start` prints one line on stdout, the URL for the role "msgdesk" (CREATEDB, CREATEROLE, not a
# superuser) on the database "postgres", e.g.  postgresql://msgdesk@/postgres?host=/tmp/x ;
# everything else goes to stderr.  The URL is also written to DIR/url.
#
# PostgreSQL refuses to run as root: run as root (CI), the server runs as the system user
# msgdesk-pg, created if missing.  If initdb cannot be found and we are root, Debian's
# postgresql package is installed (without the "main" cluster Debian would otherwise create
# and start on port 5432).
#
# The server is tuned for tests, not for keeping data: fsync, synchronous_commit and
# full_page_writes are off.  Authentication is "trust"; the socket folder is mode 0700, so
# only the server's user (and root) can reach the socket at all.
set -euo pipefail

ROLE=msgdesk
SERVICE_USER=msgdesk-pg
MARKER=.msgdesk-pg-test

say() { echo "pg_test_server: $*" >&2; }
die() { say "$*"; exit 1; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# The folder holding initdb, pg_ctl and psql: from PATH, else Debian's newest
# /usr/lib/postgresql/<version>/bin.
find_bindir() {
  local initdb
  if initdb="$(command -v initdb 2>/dev/null)"; then
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  local newest
  newest="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$newest" ] && [ -x "$newest/initdb" ]; then
    echo "$newest"
    return 0
  fi
  return 1
}

install_postgresql() {
  [ "$(id -u)" -eq 0 ] || die "initdb not found: install PostgreSQL (Debian: sudo apt-get install postgresql) or run this as root"
  command -v apt-get >/dev/null || die "initdb not found and apt-get is not available: install PostgreSQL's server"
  say "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql-common >/dev/null
  # Debian's postgresql package creates and starts a "main" cluster on port 5432; a test
  # machine must not be left with a server running, so none is created.
  local conf=/etc/postgresql-common/createcluster.conf
  if [ -f "$conf" ]; then
    sed -i -E 's/^#?[[:space:]]*create_main_cluster[[:space:]]*=.*/create_main_cluster = false/' "$conf"
    grep -q '^create_main_cluster = false' "$conf" || echo 'create_main_cluster = false' >>"$conf"
  fi
  apt-get install -y -qq postgresql >/dev/null
}

# Run a command as the user the server runs as.
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    # From /: PostgreSQL's tools complain when they cannot return to root's own folder.
    (cd / && runuser -u "$SERVICE_USER" -- "$@")
  else
    "$@"
  fi
}

ensure_service_user() {
  [ "$(id -u)" -eq 0 ] || return 0
  id -u "$SERVICE_USER" >/dev/null 2>&1 && return 0
  say "creating the system user $SERVICE_USER (PostgreSQL refuses to run as root)"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$SERVICE_USER"
}

# Set while `start` runs, so that a failed start (die, or any failing command) is undone.
STARTING_DIR=""
undo_failed_start() {
  local rc=$?
  if [ -n "$STARTING_DIR" ]; then
    say "start failed; removing $STARTING_DIR"
    stop "$STARTING_DIR" || true
  fi
  exit "$rc"
}
trap undo_failed_start EXIT

start() {
  local dir="${1:-}"
  local t0
  t0="$(now)"
  if [ -z "$dir" ]; then
    local parent=/tmp
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then parent=/dev/shm; fi
    dir="$(mktemp -d "$parent/msgdesk-pg.XXXXXX")"
  fi
  case "$dir" in
    /*) ;;
    *) dir="$(pwd)/$dir" ;;
  esac
  [[ "$dir" =~ ^[A-Za-z0-9/._-]+$ ]] || die "$dir: use a folder path made of letters, digits and / . _ - only"
  [ "${#dir}" -le 90 ] || die "$dir: the path is too long for a Unix socket (at most 90 characters here)"
  mkdir -p "$dir"
  [ -z "$(ls -A "$dir")" ] || die "$dir is not empty; give an absent or empty folder"
  chmod 0700 "$dir"
  touch "$dir/$MARKER"
  STARTING_DIR="$dir"

  local bindir
  bindir="$(find_bindir)" || { install_postgresql; bindir="$(find_bindir)" || die "initdb still not found after installing postgresql"; }

  ensure_service_user
  if [ "$(id -u)" -eq 0 ]; then
    chown -R "$SERVICE_USER:$SERVICE_USER" "$dir"
  fi
  as_server_user test -x "$dir" || die "$SERVICE_USER cannot reach $dir (a folder above it is closed to other users)"

  as_server_user "$bindir/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  as_server_user tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF

# --- msgdesk test server: Unix socket only, tuned for speed, not durability ---
listen_addresses = ''
unix_socket_directories = '$dir'
unix_socket_permissions = 0700
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
# An autovacuum worker in a test's database would stop DROP DATABASE ... WITH (FORCE):
# the tests' role may not end a superuser's process.  Nothing here lives long enough to need it.
autovacuum = off
EOF
  as_server_user "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --timeout=60 \
    --silent start >&2 || { cat "$dir/server.log" >&2 || true; die "the server did not start"; }

  "$bindir/psql" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --host="$dir" --username=postgres \
    --dbname=postgres --command="CREATE ROLE $ROLE LOGIN CREATEDB CREATEROLE" >&2  # CREATEROLE: the role tests (issue 19)

  local url="postgresql://$ROLE@/postgres?host=$dir"
  echo "$url" >"$dir/url"
  say "$("$bindir/postgres" --version) started in $(elapsed "$t0") s: $url"
  STARTING_DIR=""
  echo "$url"
}

# --- start-tls: a test CA and three servers on 127.0.0.1 (issue 19) -----------------------

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# make_certs DIR: ca, other-ca, server (localhost, valid 30 days), expired (January 2020).
make_certs() {
  local d="$1/certs"
  mkdir -p "$d" "$d/issued"
  openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 30 -subj "/CN=msgdesk test CA" \
    -keyout "$d/ca.key" -out "$d/ca.crt" 2>/dev/null
  openssl req -x509 -new -nodes -newkey rsa:2048 -sha256 -days 30 -subj "/CN=Some other CA" \
    -keyout "$d/other-ca.key" -out "$d/other-ca.crt" 2>/dev/null
  : >"$d/index.txt"
  echo 1000 >"$d/serial"
  cat >"$d/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
database = $d/index.txt
new_certs_dir = $d/issued
serial = $d/serial
certificate = $d/ca.crt
private_key = $d/ca.key
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
x509_extensions = server_ext
[ any ]
commonName = supplied
[ server_ext ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
CNF
  local name
  for name in server expired; do
    openssl req -new -nodes -newkey rsa:2048 -subj "/CN=localhost" \
      -keyout "$d/$name.key" -out "$d/$name.csr" 2>/dev/null
  done
  openssl ca -batch -notext -config "$d/ca.cnf" -in "$d/server.csr" -out "$d/server.crt" -days 30 2>/dev/null \
    || die "could not sign the test server's certificate"
  openssl ca -batch -notext -config "$d/ca.cnf" -in "$d/expired.csr" -out "$d/expired.crt" \
    -startdate 20200101000000Z -enddate 20200201000000Z 2>/dev/null || die "could not make the expired certificate"
  chmod 0600 "$d"/*.key
}

# init_tls_cluster DIR NAME PORT CERT|off PASSWORD BINDIR: one server in DIR/NAME on 127.0.0.1:PORT.
init_tls_cluster() {
  local dir="$1" name="$2" port="$3" cert="$4" password="$5" bindir="$6"
  local data="$dir/$name/data" sock="$dir/$name"
  mkdir -p "$sock"
  if [ "$(id -u)" -eq 0 ]; then chown -R "$SERVICE_USER:$SERVICE_USER" "$dir"; fi
  as_server_user "$bindir/initdb" --pgdata="$data" --username=postgres --auth-local=trust \
    --auth-host=reject --encoding=UTF8 --no-locale --no-sync >"$sock/initdb.log" 2>&1 \
    || { cat "$sock/initdb.log" >&2; die "initdb failed for $name"; }
  local ssl="ssl = off"
  if [ "$cert" != off ]; then
    ssl="ssl = on
ssl_cert_file = '$dir/certs/$cert.crt'
ssl_key_file = '$dir/certs/$cert.key'"
  fi
  as_server_user tee -a "$data/postgresql.conf" >/dev/null <<CONF

# --- msgdesk TLS test server "$name": 127.0.0.1 only, tuned for speed ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
unix_socket_permissions = 0700
$ssl
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 60
autovacuum = off
CONF
  local hba_type=hostssl
  if [ "$cert" = off ]; then hba_type=host; fi
  printf 'local all all trust\n%s all all 127.0.0.1/32 scram-sha-256\n' "$hba_type" \
    | as_server_user tee "$data/pg_hba.conf" >/dev/null
  as_server_user "$bindir/pg_ctl" --pgdata="$data" --log="$sock/server.log" --wait --timeout=60 \
    --silent start >&2 || { cat "$sock/server.log" >&2 || true; die "the server $name did not start"; }
  "$bindir/psql" --no-psqlrc --quiet --set=ON_ERROR_STOP=1 --host="$sock" --port="$port" --username=postgres \
    --dbname=postgres --command="CREATE ROLE $ROLE LOGIN CREATEDB CREATEROLE PASSWORD '$password'" >&2
  echo "postgresql://$ROLE@localhost:$port/postgres" >"$dir/$name-url"
  echo "postgresql://$ROLE@/postgres?host=$sock&port=$port" >"$dir/$name-socket-url"
}

start_tls() {
  local dir="${1:-}"
  local t0
  t0="$(now)"
  if [ -z "$dir" ]; then
    local parent=/tmp
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then parent=/dev/shm; fi
    dir="$(mktemp -d "$parent/msgdesk-tls.XXXXXX")"
  fi
  case "$dir" in /*) ;; *) dir="$(pwd)/$dir" ;; esac
  [[ "$dir" =~ ^[A-Za-z0-9/._-]+$ ]] || die "$dir: use a folder path made of letters, digits and / . _ - only"
  [ "${#dir}" -le 80 ] || die "$dir: the path is too long for a Unix socket (at most 80 characters here)"
  mkdir -p "$dir"
  [ -z "$(ls -A "$dir")" ] || die "$dir is not empty; give an absent or empty folder"
  chmod 0700 "$dir"
  touch "$dir/$MARKER"
  STARTING_DIR="$dir"
  command -v openssl >/dev/null || die "openssl is needed to make the test CA"
  local bindir
  bindir="$(find_bindir)" || { install_postgresql; bindir="$(find_bindir)" || die "initdb still not found"; }
  ensure_service_user
  make_certs "$dir"
  local password
  password="$(openssl rand -hex 16)"
  (umask 077; echo "$password" >"$dir/password")
  init_tls_cluster "$dir" tls "$(free_port)" server "$password" "$bindir"
  init_tls_cluster "$dir" expired "$(free_port)" expired "$password" "$bindir"
  init_tls_cluster "$dir" plain "$(free_port)" off "$password" "$bindir"
  if [ "$(id -u)" -eq 0 ]; then chown -R "$SERVICE_USER:$SERVICE_USER" "$dir"; fi
  say "TLS test servers started in $(elapsed "$t0") s: $(cat "$dir/tls-url") (and expired, plain)"
  STARTING_DIR=""
  echo "$dir"
}

stop() {
  local dir="${1:-}"
  [ -n "$dir" ] || die "usage: $0 stop DIR|URL"
  case "$dir" in
    postgresql://*\?host=/*) dir="${dir##*\?host=}" ;;  # the URL that start printed
  esac
  [ -d "$dir" ] || return 0
  [ -e "$dir/$MARKER" ] || die "$dir was not made by this script; not touching it"
  local data
  for data in "$dir/data" "$dir"/*/data; do  # start-tls made several servers in one folder
    [ -f "$data/postmaster.pid" ] || continue
    local bindir
    bindir="$(find_bindir)" || die "pg_ctl not found; the server in $data is still running"
    as_server_user "$bindir/pg_ctl" --pgdata="$data" --mode=fast --wait --timeout=30 --silent stop >&2 \
      || as_server_user "$bindir/pg_ctl" --pgdata="$data" --mode=immediate --wait --timeout=30 --silent stop >&2 \
      || die "the server in $data did not stop"
  done
  rm -rf "$dir"
  say "stopped; $dir removed"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  start-tls) start_tls "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start [DIR] | start-tls [DIR] | stop DIR|URL" >&2; exit 2 ;;
esac
