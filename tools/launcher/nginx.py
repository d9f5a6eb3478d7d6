"""nginx in front of the replicas of a scaled run (`make run-scaled`), on the ports a single
Rasa server and action server would use, so nothing else changes.

Apart from the Stack because the configuration is most of it: what nginx does when a replica
is killed or restarting is decided here, and the tests check that nginx accepts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from tools.launcher.ports import Ports

NGINX = "/usr/sbin/nginx"

NGINX_CONFIG = """# Written by tools/launcher/nginx.py for this run; not a file to edit.
worker_processes 1;
pid {state}/nginx.pid;
error_log {state}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {state}/nginx-body;
  proxy_temp_path {state}/nginx-proxy;
  fastcgi_temp_path {state}/nginx-fastcgi;
  uwsgi_temp_path {state}/nginx-uwsgi;
  scgi_temp_path {state}/nginx-scgi;
  client_max_body_size 1m;
  # Bodies and replies stay in memory: nginx's workers may run as another user, who cannot
  # write under this run's state directory.
  client_body_buffer_size 1m;
  proxy_max_temp_file_size 0;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $http_host;
  proxy_read_timeout 90s;
  # A replica that refuses connections (killed, restarting) is skipped for 10 s, and a request
  # it refused goes to the next one. A request it accepted is never sent twice: POSTs are not
  # idempotent, and the caller's retry (same message id) is what may repeat it.
  proxy_next_upstream error timeout;
  upstream rasa {{
    least_conn;
{rasa_servers}
    keepalive 64;
  }}
  upstream actions {{
    least_conn;
{action_servers}
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{rasa_port};
    location / {{ proxy_pass http://rasa; }}
  }}
  server {{
    listen 127.0.0.1:{actions_port};
    # An action call cut off by a dying action server is sent to the other one: the calls that
    # write (opening a case) carry the message's request key, so a repeat opens nothing twice,
    # and without this Rasa swallows the failure and the tenant is "not understood".
    location / {{ proxy_next_upstream error timeout non_idempotent; proxy_pass http://actions; }}
  }}
}}
"""


def write_nginx_config(state_dir: Path, ports: Ports, replica_ports: Dict[str, int]) -> Path:
    """nginx in front of the replicas, on the public Rasa and action-server ports."""

    def servers(kind: str) -> str:
        return "\n".join(
            f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
            for name, port in sorted(replica_ports.items())
            if name.startswith(kind)
        )

    path = state_dir / "nginx.conf"
    path.write_text(
        NGINX_CONFIG.format(
            state=state_dir,
            rasa_servers=servers("rasa-"),
            action_servers=servers("actions-"),
            rasa_port=ports.rasa,
            actions_port=ports.actions,
        )
    )
    return path
