-- wrk script: concurrent writers of progress reports (bench/catalogue.sh).
--
--   BENCH_ACK_FILE=acked.txt wrk -t2 -c64 -d10s -s bench/progress.lua \
--     -H "Authorization: Bearer $token" "$base" -- AGS IDS_FILE
--
-- Every request posts a Sachstand to one of the measures listed in
-- IDS_FILE (one id a line; measures of municipality AGS), walking them in a
-- stride so that concurrent writers hit different measures. Each request
-- carries a marker "wrk-THREAD-N" of its own, in the text and as its
-- Idempotency-Key. Every thread counts the responses by status and keeps
-- the markers of the 201 answers (read back from the report the server
-- returns); done() sums the counts over the threads and writes the
-- acknowledged markers to BENCH_ACK_FILE, for bench/catalogue.sh to match
-- against the rows in the database.

local threads = {}
local next_tid = 1

function setup(thread)
   thread:set("tid", next_tid)
   next_tid = next_tid + 1
   table.insert(threads, thread)
end

local ids = {}
local ags
local n = 0
local offset = 0
local headers = {}
local statuses = { "on_track", "on_track", "delayed", "at_risk", "completed" }
local sentences = {
   "Die Termine sind gut besucht; die Rückmeldungen der Teilnehmenden sind überwiegend positiv.",
   "Zwei Termine mussten wegen Krankheit der Kursleitung verschoben werden und werden nachgeholt.",
   "Die Finanzierung für das kommende Jahr ist beantragt, aber noch nicht bewilligt.",
   "Die Zusammenarbeit mit den Schulen läuft gut; eine dritte Schule hat Interesse angemeldet.",
   "Die Maßnahme ist abgeschlossen; die Ergebnisse werden im nächsten Ausschuss vorgestellt.",
}

function init(args)
   ags = args[1]
   for line in io.lines(args[2]) do
      if line ~= "" then
         table.insert(ids, line)
      end
   end
   n = #ids
   -- the two threads start half the list apart
   offset = math.floor((tid - 1) * n / 2)
   for k, v in pairs(wrk.headers) do
      headers[k] = v
   end
   headers["Content-Type"] = "application/json"
   counts = {}
   acked = {}
   seq = 0
end

function request()
   seq = seq + 1
   local marker = "wrk-" .. tid .. "-" .. seq
   -- 389 is prime to any list length below 389^2 that it does not divide:
   -- the walk visits every measure before it repeats one
   local id = ids[(offset + seq * 389) % n + 1]
   local body = string.format(
      '{"status":"%s","progress":%d,"text":"Sachstand %s. %s"}',
      statuses[seq % #statuses + 1], seq % 101, marker,
      sentences[seq % #sentences + 1])
   headers["Idempotency-Key"] = marker
   return wrk.format("POST",
      "/api/v1/municipalities/" .. ags .. "/measures/" .. id .. "/progress-reports",
      headers, body)
end

function response(status, hdrs, body)
   counts[status] = (counts[status] or 0) + 1
   if status == 201 then
      local marker = body and body:match("wrk%-%d+%-%d+")
      table.insert(acked, marker or "?")
   end
end

function done(summary, latency, requests)
   local total = {}
   local ack_file = os.getenv("BENCH_ACK_FILE")
   local out = ack_file and assert(io.open(ack_file, "w"))
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("counts") or {}) do
         total[status] = (total[status] or 0) + count
      end
      for _, marker in ipairs(thread:get("acked") or {}) do
         if out then
            out:write(marker, "\n")
         end
      end
   end
   if out then
      out:close()
   end
   local keys = {}
   for status in pairs(total) do
      table.insert(keys, status)
   end
   table.sort(keys)
   local parts = {}
   for _, status in ipairs(keys) do
      table.insert(parts, status .. ": " .. total[status])
   end
   local e = summary.errors
   io.write(string.format("  responses by status: %s\n",
      #parts > 0 and table.concat(parts, ", ") or "none"))
   io.write(string.format("  errors: connect %d, read %d, write %d, timeout %d\n",
      e.connect, e.read, e.write, e.timeout))
end
