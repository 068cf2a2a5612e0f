// The host paths whose read exposes credentials and whose write persists code (src/catalog/secret-paths.ts),
// judged as the OS resolves the path and as written.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isCredentialPath, isPersistencePath } from "../../src/catalog/secret-paths.js";

test("persistence locations: shells, ssh, Python start-up, tool configurations, system start-up", () => {
  const yes = [
    "/home/u/.bashrc", ".bashrc", ".zshenv", "/root/.profile", "/etc/profile", "/etc/profile.d/x.sh", "/etc/bash.bashrc",
    "/etc/cron.d/job", "/etc/cron.daily/x", "/var/spool/cron/crontabs/root", "/etc/crontab", "/etc/sudoers.d/u", "/etc/ld.so.preload",
    ".ssh/authorized_keys", "/home/u/.ssh/config", ".ssh/rc", "authorized_keys2",
    "/usr/lib/python3/dist-packages/x.py", "/venv/lib/python3.11/site-packages/evil.pth", "x.pth", "sitecustomize.py",
    ".ipython/profile_default/startup/00.py", ".jupyter/jupyter_notebook_config.py", ".pythonrc.py",
    ".gitconfig", "repo/.git/hooks/pre-commit", "repo/.git/config", ".vimrc", ".config/nvim/init.lua", ".config/pip/pip.conf",
    ".config/autostart/x.desktop", ".config/systemd/user/x.service", "/etc/systemd/system/x.service",
    "Library/LaunchAgents/x.plist", "C:\\Users\\u\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Startup\\x.bat",
    // as the OS resolves them
    "/usr/local/bin/python3", ".local/bin/jupyter", "/home/u/.local/share/jupyter/kernels/python3/kernel.json", "/etc/apt/apt.conf.d/99x", "/etc/udev/rules.d/x.rules", ".config/environment.d/x.conf",
    ".pdbrc", "/root/.gdbinit", ".sqliterc", "venv/bin/activate", "C:\\venv\\Scripts\\activate.bat", "/opt/conda/etc/conda/activate.d/x.sh", "venv/pyvenv.cfg",
    "/home/u//.bashrc", ".ssh/./authorized_keys", "/etc/x/../cron.d/job", "file:///home/u/.zshrc", "repo/.git/./hooks/post-checkout",
  ];
  const no = ["/tmp/out.txt", "model/assets/vocab.txt", ".bashrc.bak", "notes/profile.txt", "site_packages.txt", "my.pth.txt", "/etc/hosts", "logs/cron.log", ".ssh/known_hosts"];
  assert.deepEqual(yes.filter((p) => !isPersistencePath(p)), []);
  assert.deepEqual(no.filter((p) => isPersistencePath(p)), []);
});

test("credential paths, including the resolved forms", () => {
  assert.ok(isCredentialPath("/proc/self/./environ") && isCredentialPath(".kaggle//kaggle.json") && isCredentialPath("/home/u/.ssh/id_rsa"));
  assert.ok(!isCredentialPath("/tmp/out.txt") && !isCredentialPath("assets/vocab.txt"));
  // backups, host keys, cluster and registry logins, any CLI tool's configuration, home dot-files, the
  // environment of another task
  for (const p of ["/etc/shadow-", "/etc/ssh/ssh_host_ed25519_key", "/etc/kubernetes/admin.conf", ".config/containers/auth.json", "/home/u/.config/github-copilot/apps.json", "/root/.config/kaggle/kaggle.json", "/home/u/.anything_secret_ish", "/proc/1/task/1/environ", "/etc/krb5.keytab"]) {
    assert.ok(isCredentialPath(p), p);
  }
  for (const p of ["/etc/mysql/debian.cnf", "/etc/wireguard/wg0.conf", "/etc/ceph/ceph.client.admin.keyring", "/var/lib/rancher/k3s/server/token", ".Xauthority", ".local/share/jupyter/runtime/jpserver-1.json", "./.env.local"]) assert.ok(isCredentialPath(p), p);
  for (const p of ["/home/u/.cache/pip/x.whl", "/home/u/.keras/datasets/mnist.npz", "/home/u/data/train.csv", "/etc/hostname", "/etc/os-release", "./data/x.csv", "../x/y"]) assert.ok(!isCredentialPath(p), p);
});
