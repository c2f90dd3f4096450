# Teilhabe: `make run` sets everything up and serves on http://127.0.0.1:8080;
# `make test` sets everything up and runs every suite. Both install what is
# missing first (.ci/bootstrap.sh).

CC      ?= cc
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wpointer-arith -Wcast-qual -fno-common
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE $(WARN) -DTEILHABE_VERSION='"$(VERSION)"' \
           -I/usr/include/postgresql -I$(CW_DIR)/include -MMD -MP
LDLIBS  := -lpq -ljansson -ljwt -lcrypto -largon2 -lpthread
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all

SRC      := $(wildcard api/src/*.c api/src/handlers/*.c)
LIB_SRC  := $(filter-out api/src/main.c,$(SRC))
UNIT_SRC := $(wildcard tests/unit/test_*.c)

OBJ      := $(SRC:%.c=build/release/%.o)
SAN_OBJ  := $(SRC:%.c=build/asan/%.o)
SAN_LIB  := $(LIB_SRC:%.c=build/asan/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/unit/%)

export PATH := /usr/lib/postgresql/15/bin:$(PATH)

# CivetWeb is compiled in from Debian's source package with the project's
# patches (the README says why, "Where CivetWeb comes from"): fetched,
# checked and patched into var/ by api/civetweb/fetch.sh, compiled with its
# own flags (it does not build with our warnings). The worker threads get
# the 100 KiB stack of Debian's libcivetweb build, so every build and test
# runs on the stack size production has.
CW_DIR   := var/civetweb/civetweb-1.15
CW_SRC   := $(CW_DIR)/src/civetweb.c
CW_FLAGS := -O2 -g -std=gnu11 -DNO_SSL -DNO_CGI -DUSE_STACK_SIZE=102400 \
            -I$(CW_DIR)/include
CW_OBJ   := build/release/civetweb/civetweb.o
CW_SAN   := build/asan/civetweb/civetweb.o

.PHONY: all build deps run run-banner test unit bench format format-check \
        lint lint-enums lint-routes clean db-start db-stop valgrind migrations-manifest schema-check

all: build

deps:
	@sh .ci/bootstrap.sh

build: build/teilhabe

build/teilhabe: $(OBJ) $(CW_OBJ)
	@echo "  LD      $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/teilhabe-asan: $(SAN_OBJ) $(CW_SAN)
	@echo "  LD-SAN  $@"
	@$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

build/release/%.o: %.c | $(CW_SRC)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c -o $@ $<

build/asan/%.o: %.c | $(CW_SRC)
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  $<"
	@$(CC) $(CFLAGS) $(SAN) -O1 -c -o $@ $<

build/asan/unit/%: tests/unit/%.c $(SAN_LIB) $(CW_SAN)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(SAN) -O1 -Iapi/src -o $@ $^ $(LDLIBS) -lcmocka

$(CW_SRC): api/civetweb/fetch.sh $(wildcard api/civetweb/*.patch)
	@sh api/civetweb/fetch.sh

$(CW_OBJ): $(CW_SRC)
	@mkdir -p $(dir $@)
	@echo "  CC      civetweb.c (Debian 1.15, patched)"
	@$(CC) $(CW_FLAGS) -c -o $@ $<

$(CW_SAN): $(CW_SRC)
	@mkdir -p $(dir $@)
	@echo "  CC-SAN  civetweb.c (Debian 1.15, patched)"
	@$(CC) $(CW_FLAGS) $(SAN) -O1 -c -o $@ $<

# The deployment's token signing key, made once (lines "KID BASE64SECRET";
# add a new first line to rotate, keep the old one until its tokens expire).
var/token.keys:
	@mkdir -p var
	@umask 077 && printf 'k1 %s\n' "$$(head -c 32 /dev/urandom | base64)" >$@

# Serves API and web client on the local cluster under var/ (Ctrl-C stops).
run: deps build var/token.keys
	@sh sql/cluster.sh start var/pg
	@TEILHABE_OWNER_DATABASE_URL="$$(sh sql/cluster.sh url var/pg teilhabe_owner)" \
	  ./build/teilhabe migrate
	@TEILHABE_OWNER_DATABASE_URL="$$(sh sql/cluster.sh url var/pg teilhabe_owner)" \
	  ./build/teilhabe seed-demo
	@$(MAKE) -s --no-print-directory run-banner
	@trap 'sh sql/cluster.sh stop var/pg' EXIT; \
	  TEILHABE_DATABASE_URL="$$(sh sql/cluster.sh url var/pg teilhabe_app)" \
	  ./build/teilhabe serve

# What `make run` prints before it serves: the address TEILHABE_LISTEN
# names (all interfaces: shown as 127.0.0.1), and the demo accounts.
run-banner:
	@listen="$${TEILHABE_LISTEN:-127.0.0.1:8080}"; \
	case "$$listen" in \
	  *:*) host="$${listen%:*}"; port="$${listen##*:}" ;; \
	  *) host=""; port="$$listen" ;; \
	esac; \
	case "$$host" in ""|0.0.0.0) host=127.0.0.1 ;; esac; \
	echo "Teilhabe: http://$$host:$$port/  (API reference: http://$$host:$$port/docs/)"
	@echo "Demo sign-in (password Teilhabe-Demo-2026 for all):"
	@echo "  kreis@musterkreis.example                     district admin"
	@echo "  buergermeisterin@musterstadt.example          steering, Musterstadt"
	@echo "  integration@musterstadt.example               officer, Musterstadt"
	@echo "  integration@musterlingen.example              officer, Musterlingen"
	@echo "  familienamt@musterlingen.example              steering, Musterlingen"
	@echo "  migrationsdienst@caritas-musterkreis.example  partner (Caritas), Musterstadt, Musterlingen, Lindenau"

db-start: deps
	@sh sql/cluster.sh start var/pg
db-stop:
	@sh sql/cluster.sh stop var/pg

unit: $(UNIT_BIN)
	@sh tests/run-unit.sh $(UNIT_BIN)

# Every suite against a throwaway cluster and a sanitizer build.
test: deps build/teilhabe-asan $(UNIT_BIN) build/lint/dump_enums
	@sh tests/run.sh $(UNIT_BIN)

bench: deps build var/token.keys
	@sh bench/run.sh

valgrind: deps build $(UNIT_BIN:build/asan/unit/%=build/valgrind/%)
	@for t in $(UNIT_BIN:build/asan/unit/%=build/valgrind/%); do \
	  valgrind -q --error-exitcode=1 --leak-check=full $$t >/dev/null || exit 1; \
	done; echo "valgrind: unit tests clean"

build/valgrind/%: tests/unit/%.c $(LIB_SRC) $(CW_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -O0 -Iapi/src -o $@ $^ $(LDLIBS) -lcmocka

format:
	clang-format -i $(SRC) $(wildcard api/src/*.h api/src/handlers/*.h) $(UNIT_SRC) \
	  $(wildcard tests/fuzz/*.c tests/lint/*.c)

format-check:
	@clang-format --dry-run --Werror $(SRC) \
	  $(wildcard api/src/*.h api/src/handlers/*.h) $(UNIT_SRC) \
	  $(wildcard tests/fuzz/*.c tests/lint/*.c) \
	  && echo "clang-format: clean"

lint:
	@REDOCLY_TELEMETRY=off npx --no-install redocly lint openapi.yaml

# Every value set of api/src/enums.c against the CHECK constraints of a
# migrated database, openapi.yaml and the web client's term tables
# (tests/lint/enums.mjs). The database is the one TEILHABE_OWNER_DATABASE_URL
# names (make test's); without it, the cluster of `make run` in var/pg,
# started and migrated first (and left running, as after make db-start).
lint-enums: build/lint/dump_enums
	@if [ -z "$${TEILHABE_OWNER_DATABASE_URL:-}" ]; then \
	  $(MAKE) -s --no-print-directory deps build && \
	  sh sql/cluster.sh start var/pg && \
	  TEILHABE_OWNER_DATABASE_URL="$$(sh sql/cluster.sh url var/pg teilhabe_owner)" && \
	  export TEILHABE_OWNER_DATABASE_URL && \
	  ./build/teilhabe migrate >/dev/null; \
	fi && node tests/lint/enums.mjs --c build/lint/dump_enums

# the enum sets as JSON: api/src/enums.c and nothing else
build/lint/dump_enums: tests/lint/dump_enums.c api/src/enums.c api/src/enums.h
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(filter-out -MMD -MP,$(CFLAGS)) -Iapi/src -o $@ \
	  tests/lint/dump_enums.c api/src/enums.c -ljansson

# The route table (routes.c) and openapi.yaml agree: methods, paths,
# operationId = handler name, x-roles, x-scope (tests/lint/routes.mjs).
# Linked with the sanitizer build's objects, which make test builds anyway.
build/lint/dump_routes: tests/lint/dump_routes.c $(SAN_LIB) $(CW_SAN)
	@mkdir -p $(dir $@)
	@echo "  LD-SAN  $@"
	@$(CC) $(CFLAGS) $(SAN) -O1 -Iapi/src -o $@ $^ $(LDLIBS)

lint-routes: build/lint/dump_routes
	@node tests/lint/routes.mjs openapi.yaml

test: build/lint/dump_routes

# Appends the checksum line of each new migration to
# sql/migrations/SHA256SUMS (existing lines are never rewritten);
# make test fails on a migration that is not listed or no longer matches.
migrations-manifest:
	@sh sql/manifest.sh add

# The schema files (sql/schema/<family>/*.sql) define every function, view,
# trigger and policy, and re-running them changes nothing; in a throwaway
# cluster (make test runs the same check in its own).
schema-check: deps build
	@sh sql/schema-check.sh

clean:
	rm -rf build

# ---- fuzzing: libFuzzer targets (tests/fuzz/fuzz_*.c) with clang and the
# address and undefined sanitizers, in a build of their own (build/fuzz).
# `make fuzz` runs each for FUZZ_SECONDS; `make test` runs each briefly over
# the committed corpus (tests/fuzz/run.sh).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 300
FUZZ_FLAGS   := -fsanitize=fuzzer-no-link,address,undefined \
                -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_LIB     := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_CW      := build/fuzz/obj/civetweb/civetweb.o

.PHONY: fuzz fuzz-build
# named only as prerequisites of a pattern rule: keep them (make would
# otherwise delete them as intermediate files after every build)
.SECONDARY: $(FUZZ_LIB)

build/fuzz/obj/%.o: %.c | $(CW_SRC)
	@mkdir -p $(dir $@)
	@echo "  CC-FUZZ $<"
	@$(FUZZ_CC) $(CFLAGS) $(FUZZ_FLAGS) -c -o $@ $<

$(FUZZ_CW): $(CW_SRC)
	@mkdir -p $(dir $@)
	@echo "  CC-FUZZ civetweb.c (Debian 1.15, patched)"
	@$(FUZZ_CC) $(CW_FLAGS) -fsanitize=address,undefined -fno-omit-frame-pointer -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB) $(FUZZ_CW)
	@echo "  LD-FUZZ $@"
	@$(FUZZ_CC) $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Iapi/src \
	  -o $@ $^ $(LDLIBS)

fuzz-build: deps $(FUZZ_BIN)

fuzz: deps $(FUZZ_BIN)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

test: $(FUZZ_BIN)

-include $(FUZZ_LIB:.o=.d)
# ---- end of fuzzing

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d)
