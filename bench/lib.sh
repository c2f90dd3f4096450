# Shared by bench/run.sh and bench/catalogue.sh (sourced, POSIX sh).

# serve NAME: starts the release build on a free loopback port with the
# TEILHABE_* variables of the caller; sets $pid and $base. Access log and
# errors go to var/bench/NAME-access.log and NAME-server.err.
serve() {
	port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
	base="http://127.0.0.1:$port"
	mkdir -p var/bench
	TEILHABE_LISTEN="127.0.0.1:$port" ./build/teilhabe serve \
		>"var/bench/$1-access.log" 2>"var/bench/$1-server.err" &
	pid=$!
	for _ in $(seq 1 50); do
		curl -fs "$base/health/live" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "bench: the server did not come up (var/bench/$1-server.err)" >&2
	return 1
}

# stop_server: stops the server serve started.
stop_server() {
	if [ -n "${pid:-}" ]; then
		kill -TERM "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
		pid=
	fi
}

filter() {
	grep -E 'Requests/sec|^ +(50|75|90|99)%|requests in|Non-2xx|Socket errors'
}

# token EMAIL PASSWORD: an access token from the password grant.
token() {
	curl -fs --data-urlencode grant_type=password --data-urlencode "username=$1" \
		--data-urlencode "password=$2" "$base/api/v1/auth/token" |
		sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'
}

# rps FILE / p99ms FILE: requests/s and the 99th percentile in ms from
# wrk --latency output.
rps() {
	awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$1"
}
p99ms() {
	awk '$1 == "99%" {
		v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
		f = (u == "us") ? 0.001 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1
		printf "%.1f", v * f
	}' "$1"
}
