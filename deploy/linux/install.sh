#!/bin/sh
# Installs ftscan as a service on a systemd Linux host, as root, from a checkout or an unpacked release:
#   sudo sh deploy/linux/install.sh
# Idempotent: an existing user, config or environment file is kept. ftscan itself must already be at
# /usr/local/bin/ftscan (the single executable, or a link to bin/ftscan.js of an `npm ci`'d checkout).
set -eu
here=$(cd "$(dirname "$0")" && pwd)

# A system user with no login and no password: it owns the reports and the log, nothing else.
id -u ftscan >/dev/null 2>&1 || useradd --system --user-group --home-dir /var/lib/ftscan --no-create-home --shell /usr/sbin/nologin ftscan

# Config (root-owned, readable by the group), reports and logs (ftscan's, closed to others).
install -d -o root -g ftscan -m 0750 /etc/ftscan
install -d -o ftscan -g ftscan -m 0750 /var/lib/ftscan /var/lib/ftscan/runs /var/log/ftscan
[ -e /etc/ftscan/ftscan.yaml ] || install -o root -g ftscan -m 0640 "$here/ftscan.yaml" /etc/ftscan/ftscan.yaml
[ -e /etc/ftscan/ftscan.env ] || install -o ftscan -g ftscan -m 0600 "$here/ftscan.env" /etc/ftscan/ftscan.env

install -o root -g root -m 0644 "$here/ftscan.service" "$here/ftscan.timer" /etc/systemd/system/
install -o root -g root -m 0644 "$here/ftscan.logrotate" /etc/logrotate.d/ftscan
systemctl daemon-reload
echo "edit /etc/ftscan/ftscan.yaml and /etc/ftscan/ftscan.env, put the vCenter CA at /etc/ftscan/vc-ca.pem, then:"
echo "  systemctl start ftscan.service && systemctl enable --now ftscan.timer"
