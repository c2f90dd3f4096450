-- wrk script: password sign-ins of a demo officer (make bench).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=password&username=integration%40musterstadt.example" ..
           "&password=Teilhabe-Demo-2026"
