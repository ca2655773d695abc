# Sourced by run and steps (which set $here): a throwaway PostgreSQL 15 server on a Unix socket in a temporary folder,
# stopped and removed on exit, and the benches' data. Needs Debian's postgresql-15.
migrations=$here/../../src/main/resources/db/migration
bin=/usr/lib/postgresql/15/bin
work=$(mktemp -d)
trap 'as_postgres "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# The server refuses to run as root: run it as the postgres user then, as .ci/run does.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$work"; fi

# start_server PORT [server option ...]
start_server() {
    port=$1
    shift
    as_postgres "$bin/initdb" -D "$work/data" -A trust -U postgres >/dev/null
    as_postgres "$bin/pg_ctl" -D "$work/data" -o "-p $port -k $work -c listen_addresses= -c shared_buffers=256MB $*" \
        -l "$work/log" -w start >/dev/null
}

sql() { psql -q -X -h "$work" -p "$port" -U postgres -v ON_ERROR_STOP=1 "$@"; }

# migrate DATABASE [VERSION ...]: the service's migrations in version order (V2 before V10), but those named.
migrate() {
    local database=$1 migration version
    shift
    for migration in $(ls "$migrations"/V*.sql | sort -V); do
        version=$(basename "$migration" | sed 's/^V\([0-9]*\)__.*/\1/')
        if [[ " $* " != *" $version "* ]]; then sql -d "$database" -f "$migration"; fi
    done
}

# load DATABASE [SET clause for the totals rows]: 1,000 customers x 10 spaces x 100 assets, and their totals.
load() {
    sql -d "$1" -c "
        INSERT INTO customer (id, name, storage_policy) SELECT g, 'c' || g, 'default' FROM generate_series(1, 1000) g;
        INSERT INTO space (customer, id, name) SELECT c, s, 's' FROM generate_series(1, 1000) c, generate_series(0, 9) s;
        INSERT INTO asset (customer, space, id, size, thumbnail_size)
        SELECT c, s, 'a' || a, 1000, 10 FROM generate_series(1, 1000) c, generate_series(0, 9) s, generate_series(1, 100) a;
        UPDATE space SET number_of_stored_images = 100, total_size_of_stored_images = 100000, total_size_of_thumbnails = 1000${2:+, $2};
        UPDATE customer SET number_of_stored_images = 1000, total_size_of_stored_images = 1000000, total_size_of_thumbnails = 10000${2:+, $2};" \
        -c "VACUUM ANALYZE"
}
