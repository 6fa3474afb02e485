"""Two Odoo nodes and a PostgreSQL streaming replica on one machine: the proof of
docs/operations.md, "More than one server".

    python3 bench/cluster.py [--source-db comasec_tpl] [--seconds 60] [--workers 2] [--keep]

1. A PostgreSQL primary and its streaming replica (pg_basebackup), two clusters of their
   own in a temporary directory on two free loopback ports. The machine's PostgreSQL is
   only read: the source database is copied into the primary with the suite's
   docker/backup.sh and docker/restore.sh (database and filestore).
2. Two Odoo nodes (prefork, --workers each) on two loopback ports, configured as in
   production: config/odoo.prod.conf rendered by docker/prod-entrypoint.py, one data
   directory (filestore and sessions) for both, db_host the primary and
   db_replica_host / db_replica_port the replica.
3. nginx in front of both with the production routes (docker/nginx/odoo-locations.conf),
   when nginx is installed.

Then it checks: a user logged in on one node is served by the other (and logged out from
both by one); the web client's websocket opens through the proxy; the load of
bench/load.py spread over both nodes gives no HTTP 500 and loses or duplicates no invoice
number; the public certificate checks are answered by the replica (its pg_stat_activity
shows their query, its statistics count their reads, the primary's do not) and nothing
was retried on the primary; the replica has replayed everything. Exits 1 when a check
fails. Needs PostgreSQL's server binaries (Debian's postgresql-15) and runs them as the
postgres user when started as root.
"""

import argparse
import glob
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import loadlib
import psycopg2

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "odoo"  # of the throw-away clusters' odoo role, on loopback only


def pg_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    if found:
        return found[-1]
    if shutil.which(name):
        return shutil.which(name)
    sys.exit(f"cluster.py: PostgreSQL's {name} is not installed (apt-get install postgresql)")


def as_postgres(cmd, **kwargs):
    """PostgreSQL refuses to run as root: its server tools run as the postgres user."""
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "postgres", "--", *cmd]
    return subprocess.run(cmd, check=True, **kwargs)


def pg_env(port, **extra):
    return {**os.environ, "PGHOST": "127.0.0.1", "PGPORT": str(port), "PGUSER": "odoo", "PGPASSWORD": PASSWORD, **extra}


def connect(port, dbname):
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="odoo", password=PASSWORD, dbname=dbname)
    conn.autocommit = True
    return conn


def query(port, dbname, sql, params=()):
    with connect(port, dbname) as conn, conn.cursor() as cr:
        cr.execute(sql, params)
        return cr.fetchall() if cr.description else None


class Cluster:
    def __init__(self, tmp):
        self.tmp = tmp
        self.primary, self.replica = loadlib.free_port(), loadlib.free_port()
        self.dirs = {"primary": tmp / "pg-primary", "replica": tmp / "pg-replica"}

    def start(self):
        pwfile = self.tmp / "pgpass"
        pwfile.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres")
        as_postgres(
            [pg_bin("initdb"), "-D", self.dirs["primary"], "-U", "odoo", f"--pwfile={pwfile}", "--auth-local=trust",
             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        with open(self.dirs["primary"] / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {self.primary}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.tmp}'\n"
                "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
                # counts each statement per server, the replica's included
                "shared_preload_libraries = 'pg_stat_statements'\n"
            )
        self.pg_ctl("primary", "start")

    def start_replica(self):
        """A streaming replica of the primary as it is now (-R: standby.signal and the
        connection to the primary written for it)."""
        as_postgres(
            [pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.primary), "-U", "odoo", "-D",
             self.dirs["replica"], "-R", "-X", "stream", "-c", "fast"],
            env=pg_env(self.primary),
        )  # fmt: skip
        with open(self.dirs["replica"] / "postgresql.conf", "a") as conf:
            conf.write(f"port = {self.replica}\n")
        self.pg_ctl("replica", "start")
        deadline = time.time() + 60
        while time.time() < deadline:
            rows = query(self.primary, "postgres", "SELECT state FROM pg_stat_replication")
            if rows and rows[0][0] == "streaming":
                return
            time.sleep(0.5)
        raise RuntimeError("the replica does not stream")

    def pg_ctl(self, which, action):
        as_postgres(
            [pg_bin("pg_ctl"), "-D", self.dirs[which], "-l", self.tmp / f"{which}.log", "-w", "-m", "fast", action],
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        for which in ("replica", "primary"):
            if (self.dirs[which] / "postmaster.pid").exists():
                self.pg_ctl(which, "stop")


def gevent_metadata_shim(tmp):
    """gevent loads its plugins through pkg_resources, which (setuptools < 69) does not find
    distributions whose metadata directory is spelled zope_interface-*.dist-info, as recent
    zope.interface and zope.event wheels spell it: the gevent process (the websocket) then
    dies at start. For this machine's Python only, a directory of their metadata under
    the names pkg_resources looks for, put on the nodes' PYTHONPATH; no code is shimmed."""
    try:
        import pkg_resources

        pkg_resources.require("gevent")
        return None
    except ImportError:
        return None
    except pkg_resources.ResolutionError:
        pass
    import zope.interface

    shim = tmp / "gevent-metadata"
    shim.mkdir(exist_ok=True)
    site = Path(zope.interface.__file__).parents[2]
    for info in [*site.glob("zope_interface-*.dist-info"), *site.glob("zope_event-*.dist-info")]:
        target = shim / info.name.replace("zope_", "zope.", 1)
        if not target.exists():
            shutil.copytree(info, target)
    return str(shim)


class Node:
    """An Odoo node started as production starts it: the template rendered by the
    production entrypoint, with this machine's addresses."""

    def __init__(self, name, tmp, cluster, dbname, workers):
        self.name, self.tmp = name, tmp
        self.port, self.gevent_port = loadlib.free_port(), loadlib.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.conf = tmp / f"odoo-{name}.conf"
        secrets_dir = tmp / "secrets"
        secrets_dir.mkdir(exist_ok=True)
        (secrets_dir / "db_password").write_text(PASSWORD)
        if not (secrets_dir / "odoo_master_password").exists():
            (secrets_dir / "odoo_master_password").write_text(secrets.token_urlsafe(24))
        env = {
            **os.environ,
            "ODOO_CONF_TEMPLATE": str(ROOT / "config" / "odoo.prod.conf"),
            "ODOO_DB_PASSWORD_FILE": str(secrets_dir / "db_password"),
            "ODOO_ADMIN_PASSWD_FILE": str(secrets_dir / "odoo_master_password"),
            "ODOO_ADDONS_PATH": str(ROOT / "addons"),
            "ODOO_DATA_DIR": str(tmp / "data"),
            "ODOO_DB_HOST": "127.0.0.1",
            "ODOO_DB_PORT": str(cluster.primary),
            "ODOO_DB_REPLICA_HOST": "127.0.0.1",
            "ODOO_DB_REPLICA_PORT": str(cluster.replica),
            "ODOO_DB_NAME": dbname,
            "ODOO_DBFILTER": f"^{dbname}$",
            "ODOO_HTTP_INTERFACE": "127.0.0.1",
            "ODOO_HTTP_PORT": str(self.port),
            "ODOO_GEVENT_PORT": str(self.gevent_port),
            "ODOO_WORKERS": str(workers),
            # the load is the measure here; production runs one cron worker per node or on one
            "ODOO_MAX_CRON_THREADS": "0",
            "ODOO_LOG_LEVEL": "warn",
        }
        subprocess.run(
            [sys.executable, ROOT / "docker" / "prod-entrypoint.py", "--render", self.conf], env=env, check=True
        )
        self.env = {**os.environ, "ODOO_PGAPPNAME": f"comasec-node-{name}-{{pid}}"}
        shim = gevent_metadata_shim(tmp)
        if shim:
            self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [shim, os.environ.get("PYTHONPATH")]))
        self.proc = None

    def start(self):
        with open(self.tmp / f"node-{self.name}.log", "ab") as log:
            self.proc = subprocess.Popen(
                [*loadlib.odoo_command(), "-c", self.conf], env=self.env, stdout=log, stderr=log, start_new_session=True
            )
        return self

    def wait(self):
        deadline = time.time() + 180
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/web/health", timeout=5)
                return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"node {self.name} did not answer: see {self.tmp}/node-{self.name}.log")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(timeout=60)

    def log(self):
        return (self.tmp / f"node-{self.name}.log").read_text(errors="replace")


class Proxy:
    """nginx in front of both nodes with the production routes."""

    def __init__(self, tmp, nodes):
        self.tmp, self.port = tmp, loadlib.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # nginx's workers run as nobody: their buffer directory is theirs
        (tmp / "nginx").mkdir()
        (tmp / "nginx").chmod(0o777)
        http = "".join(f"    server 127.0.0.1:{n.port};\n" for n in nodes)
        gevent = "".join(f"    server 127.0.0.1:{n.gevent_port};\n" for n in nodes)
        (tmp / "nginx.conf").write_text(
            f"error_log {tmp}/nginx-error.log; pid {tmp}/nginx.pid; daemon off; worker_processes 1;\n"
            "events {}\nhttp {\n"
            f"  log_format upstream '$upstream_addr $status $request_uri';\n"
            f"  access_log {tmp}/nginx-access.log upstream;\n"
            f"  client_body_temp_path {tmp}/nginx/body; proxy_temp_path {tmp}/nginx/proxy;\n"
            f"  upstream odoo_http {{\n{http}  }}\n  upstream odoo_gevent {{\n{gevent}  }}\n"
            "  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
            f"  server {{ listen 127.0.0.1:{self.port};\n"
            f"    include {ROOT}/docker/nginx/odoo-locations.conf; }}\n}}\n"
        )
        self.proc = None

    def start(self):
        with open(self.tmp / "nginx.out", "ab") as log:
            self.proc = subprocess.Popen(
                ["nginx", "-p", str(self.tmp), "-c", str(self.tmp / "nginx.conf")], stdout=log, stderr=log
            )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/web/health", timeout=5)
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"nginx did not answer: see {self.tmp}/nginx-error.log")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)

    def served_by(self):
        counts = {}
        for line in (self.tmp / "nginx-access.log").read_text().splitlines():
            upstream = line.split(" ", 1)[0]
            counts[upstream] = counts.get(upstream, 0) + 1
        return counts


def json_call(url, path, params, session=None):
    request = urllib.request.Request(
        url + path,
        json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}).encode(),
        {"Content-Type": "application/json", **({"Cookie": f"session_id={session}"} if session else {})},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        cookie = response.headers.get("Set-Cookie", "")
        body = json.loads(response.read())
    sid = cookie.split("session_id=", 1)[1].split(";", 1)[0] if "session_id=" in cookie else None
    return body, sid


def check_sessions(a, b, dbname):
    """Logged in on node a, served by node b; logged out on b, refused on a."""
    body, sid = json_call(a.url, "/web/session/authenticate", {"db": dbname, "login": "admin", "password": "admin"})
    uid = body["result"]["uid"]
    on_b, _sid = json_call(b.url, "/web/session/get_session_info", {}, session=sid)
    read, _sid = json_call(
        b.url,
        "/web/dataset/call_kw/res.users/read",
        {"model": "res.users", "method": "read", "args": [[uid], ["login"]], "kwargs": {}},
        session=sid,
    )
    request = urllib.request.Request(
        b.url + "/web/session/logout?redirect=/web/health", headers={"Cookie": f"session_id={sid}"}
    )
    urllib.request.urlopen(request, timeout=60).read()
    after, _sid = json_call(a.url, "/web/session/get_session_info", {}, session=sid)
    return {
        f"logged in on node {a.name} (uid {uid}), node {b.name} knows the session": on_b.get("result", {}).get("uid")
        == uid,
        f"node {b.name} serves that user's RPC": read.get("result", [{}])[0].get("login") == "admin",
        f"logged out on node {b.name}, refused on node {a.name}": "error" in after,
    }, sid


def check_websocket(proxy, dbname):
    try:
        import websocket
    except ImportError:
        return {"websocket through the proxy: not checked (pip install websocket-client)": True}
    _body, sid = json_call(
        proxy.url, "/web/session/authenticate", {"db": dbname, "login": "admin", "password": "admin"}
    )
    ws = websocket.create_connection(
        proxy.url.replace("http", "ws") + "/websocket", cookie=f"session_id={sid}", origin=proxy.url, timeout=30
    )
    status = ws.getstatus()
    ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
    ws.close()
    return {f"websocket opened through the proxy to a gevent port (HTTP {status})": status == 101}


def table_reads(port, dbname, table):
    rows = query(
        port,
        dbname,
        "SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = %s",
        (table,),
    )
    return rows[0][0] if rows else 0


def statement_calls(port, dbname, table):
    rows = query(
        port,
        dbname,
        "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid"
        " WHERE d.datname = %s AND s.query LIKE %s",
        (dbname, f"%{table}%"),
    )
    return int(rows[0][0])


def check_replica(cluster, proxy_or_nodes, dbname, numbers, requests):
    """Certificate checks answered by the replica: the nodes' connections in its
    pg_stat_activity, the certificate query counted in its pg_stat_statements and its
    table statistics, not in the primary's."""
    table = "comasec_label_certificate"
    # Backends report their statistics when idle for a while (PGSTAT_IDLE_INTERVAL, 10 s):
    # the reads before this phase (the load's, the list of numbers) are counted first.
    time.sleep(12)
    before = {port: table_reads(port, dbname, table) for port in (cluster.primary, cluster.replica)}
    calls_before = {port: statement_calls(port, dbname, table) for port in (cluster.primary, cluster.replica)}
    statuses = {}
    for index in range(requests):
        url = proxy_or_nodes[index % len(proxy_or_nodes)]
        with urllib.request.urlopen(f"{url}/label/verify/{numbers[index % len(numbers)]}", timeout=60) as response:
            statuses[response.status] = statuses.get(response.status, 0) + 1
    calls = {port: statement_calls(port, dbname, table) - calls_before[port] for port in calls_before}
    sessions = query(
        cluster.replica,
        "postgres",
        "SELECT regexp_replace(application_name, '-[0-9]+$', ''), count(*) FROM pg_stat_activity"
        " WHERE datname = %s AND application_name LIKE 'comasec-node-%%' GROUP BY 1 ORDER BY 1",
        (dbname,),
    )
    time.sleep(12)
    after = {port: table_reads(port, dbname, table) for port in (cluster.primary, cluster.replica)}
    on_replica = after[cluster.replica] - before[cluster.replica]
    on_primary = after[cluster.primary] - before[cluster.primary]
    return {
        f"{requests} certificate checks all answered ({statuses})": statuses == {200: requests},
        f"the replica's pg_stat_activity shows both nodes' connections {dict(sessions)}": len(sessions) == 2,
        f"certificate queries run {calls[cluster.replica]} times on the replica, {calls[cluster.primary]} on the "
        "primary (pg_stat_statements)": calls[cluster.replica] >= requests and calls[cluster.primary] == 0,
        f"certificate table read {on_replica} times on the replica, {on_primary} on the primary": on_replica >= requests
        and on_primary == 0,
    }


def copy_database(source_db, source_data_dir, cluster, dbname, tmp):
    """The source database and its filestore into the primary, with the suite's scripts."""
    backups = tmp / "backups"
    env = {
        **os.environ,
        # the machine's PostgreSQL, with the defaults of tests/run and bench/run
        "PGHOST": os.environ.get("PGHOST", "localhost"),
        "PGPORT": os.environ.get("PGPORT", "5432"),
        "PGUSER": os.environ.get("PGUSER", "odoo"),
        "PGPASSWORD": os.environ.get("PGPASSWORD", "odoo"),
        "ODOO_DATA_DIR": source_data_dir,
        "BACKUP_DIR": str(backups),
        "BACKUP_KEEP": "1",
    }
    subprocess.run([ROOT / "docker" / "backup.sh", source_db], env=env, check=True, stdout=subprocess.DEVNULL)
    (backup,) = backups.iterdir()
    subprocess.run(
        [ROOT / "docker" / "restore.sh", backup, dbname],
        env=pg_env(cluster.primary, ODOO_DATA_DIR=str(tmp / "data")),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(backups)
    query(cluster.primary, dbname, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-db", default="comasec_tpl", help="database of the machine's PostgreSQL to copy")
    parser.add_argument("--source-data-dir", default=os.path.expanduser("~/.local/share/Odoo"))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="HTTP workers of each node")
    parser.add_argument("--bookkeepers", type=int, default=4)
    parser.add_argument("--verifications", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="comasec-cluster-"))
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
        tmp.chmod(0o711)  # PostgreSQL's and nginx's users go through it
    (tmp / "data").mkdir()
    dbname = "comasec_cluster"
    cluster, nodes, proxy = Cluster(tmp), [], None
    checks, timings = {}, {}
    start = time.perf_counter()
    try:
        cluster.start()
        copy_database(args.source_db, args.source_data_dir, cluster, dbname, tmp)
        timings["primary made, database and filestore copied"] = time.perf_counter() - start
        cluster.start_replica()
        timings["replica made and streaming"] = time.perf_counter() - start
        nodes = [Node(name, tmp, cluster, dbname, args.workers).start() for name in ("a", "b")]
        for node in nodes:
            node.wait()
        if shutil.which("nginx"):
            proxy = Proxy(tmp, nodes).start()
        timings["two nodes (and the proxy) answering"] = time.perf_counter() - start
        print(
            f"primary 127.0.0.1:{cluster.primary}, replica 127.0.0.1:{cluster.replica}; nodes "
            + ", ".join(f"{n.name} {n.url} (websocket :{n.gevent_port})" for n in nodes)
            + (f"; nginx {proxy.url}" if proxy else "; no nginx installed: the load goes to both nodes directly")
            + f"; one data directory {tmp / 'data'}"
        )
        result, _sid = check_sessions(nodes[0], nodes[1], dbname)
        checks.update(result)
        result, _sid = check_sessions(nodes[1], nodes[0], dbname)
        checks.update(result)
        if proxy:
            checks.update(check_websocket(proxy, dbname))
        entries = [proxy.url] if proxy else [n.url for n in nodes]
        load = subprocess.run(
            [sys.executable, ROOT / "bench" / "load.py", "-c", nodes[0].conf, "--db", dbname, "--seconds",
             str(args.seconds), "--bookkeepers", str(args.bookkeepers), "--workers", str(args.workers),
             *[item for url in entries for item in ("--url", url)]],
            capture_output=True, text=True, cwd=ROOT / "bench",
        )  # fmt: skip
        print(load.stdout)
        checks["bench/load.py over both nodes: every check passed"] = load.returncode == 0
        if load.returncode:
            print(load.stderr[-3000:])
        if proxy:
            served = proxy.served_by()
            print("requests served through nginx, by node: " + json.dumps(served))
            checks["both nodes served the load"] = sum(1 for n in nodes if served.get(f"127.0.0.1:{n.port}")) == 2
        timings["sessions, websocket and load"] = time.perf_counter() - start
        with connect(cluster.primary, dbname) as conn, conn.cursor() as cr:
            cr.execute("SELECT name || '/' || verification_code FROM comasec_label_certificate")
            numbers = [row[0] for row in cr.fetchall()]
        if numbers:
            checks.update(check_replica(cluster, entries, dbname, numbers, args.verifications))
        else:
            checks["certificate checks: not run, no certificate in the source database"] = False
        lsn = query(cluster.primary, "postgres", "SELECT pg_current_wal_lsn()")[0][0]
        time.sleep(2)
        caught_up = query(cluster.replica, "postgres", "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,))[0][0]
        moves = [
            query(port, dbname, "SELECT count(*) FROM account_move")[0][0]
            for port in (cluster.primary, cluster.replica)
        ]
        checks[f"the replica replayed everything ({moves[1]} entries, the primary {moves[0]})"] = (
            caught_up and moves[0] == moves[1]
        )
        logs = "".join(n.log() for n in nodes)
        checks["no request retried on the primary after a write on the replica"] = (
            "retrying with a read/write" not in logs
        )
        checks["no ERROR in the nodes' logs"] = " ERROR " not in logs
    finally:
        if proxy:
            proxy.stop()
        for node in nodes:
            node.stop()
        cluster.stop()
    print("| step | seconds since start |")
    print("| --- | --- |")
    for step, seconds in timings.items():
        print(f"| {step} | {seconds:.0f} |")
    for name, ok in checks.items():
        print(f"{'ok' if ok else 'FAILED'}: {name}")
    if args.keep or not all(checks.values()):
        print(f"logs kept in {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if checks and all(checks.values()) else 1)


if __name__ == "__main__":
    main()
