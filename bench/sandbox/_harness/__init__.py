"""The code that runs inside the sandbox: stdlib-only, shipped as source.

`wire` (the value format), `child` (runs in the candidate's process), `supervisor`
(trusted: spare interpreters, limits, cleanup) and `container` (the supervisor's main
loop as PID 1 of a Docker container). None of them imports `bench`; the runner reads
their source and sends it into the sandbox at start (see `bench.sandbox._bundle`).
"""
