// The one list of host files whose contents are credentials: a read of such a path is high wherever the
// scan meets it (TensorFlow ops, HDF5 links, vocabulary files, Lambda reads). Relative forms count too:
// a loader resolves a relative path against its working directory (a notebook started in $HOME).
import { cleanPath } from "../core/fs.js";

/** The credential list's alternatives (regular-expression sources, case-insensitive). */
export const CREDENTIAL_SOURCES: string[] = [
    // system credential stores and process secrets
    String.raw`(?:^|[/\\])etc[/\\](?:passwd|shadow|gshadow|sudoers|master\.passwd)-?$`,
    String.raw`(?:^|[/\\])proc[/\\](?:self|thread-self|\d+)(?:[/\\]task[/\\]\d+)?[/\\](?:environ|mem|cmdline|maps)$`,
    String.raw`(?:^|[/\\])ssh_host_\w+_key$`,
    String.raw`(?:^|[/\\])etc[/\\](?:kubernetes|rancher|NetworkManager[/\\]system-connections|wpa_supplicant)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])(?:krb5\.keytab|ovf-env\.xml)$`,
    String.raw`(?:^|[/\\])containers[/\\]auth\.json$`,
    String.raw`(?:^|[/\\])(?:var[/\\])?run[/\\]secrets(?:[/\\]|$)`,
    // user credential files (home-relative or relative to the working directory)
    String.raw`(?:^|[/\\])\.ssh(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$`,
    String.raw`(?:^|[/\\])\.(?:aws|azure|gnupg|kube|docker|gcloud)(?:[/\\]|$)`,
    // a CLI tool's configuration holds its token (gcloud, gh, copilot, doctl, hcloud, ngrok, kaggle ...)
    String.raw`(?:^|[/\\])\.config[/\\][^/\\]+[/\\]`,
    // any dot-file or dot-folder of a home directory, written absolutely or relative to a working directory
    // that may be the home (caches, Keras' own data and installed libraries excepted)
    String.raw`^(?:~|/root|/home/[^/\\]+|/Users/[^/\\]+)[/\\]\.(?!cache[/\\]|keras[/\\]|local[/\\]lib[/\\])[^/\\]+`,
    String.raw`^(?:\.[/\\])*\.(?![./\\])(?!cache[/\\]|keras[/\\]|local[/\\]lib[/\\])[^/\\]+`,
    // system configuration and state outside a short list of public files (service passwords, keys, tokens:
    // /etc/mysql/debian.cnf, /etc/wireguard, /etc/ceph, /etc/letsencrypt, /var/lib/rancher ...)
    String.raw`(?:^|/)etc/(?!(?:hostname|os-release|lsb-release|timezone|localtime|machine-id|hosts|resolv\.conf|nsswitch\.conf|mime\.types|issue|debian_version|ld\.so\.conf(?:\.d/.*)?|ssl/certs/.*|ca-certificates(?:/.*|\.conf)?|fonts/.*|alternatives/.*)$)[^/]`,
    String.raw`(?:^|/)var/lib/(?:rancher|kubelet|docker|containerd|jupyter|private|secrets|cloud|tailscale|iwd|NetworkManager|sss|krb5kdc|samba|ldap|postgresql|mysql|redis|vault|consul)(?:/|$)`,
    String.raw`(?:^|/)var/backups/`,
    String.raw`(?:^|[/\\])krb5cc_[^/\\]*$|\.psk$|(?:^|[/\\])user-data(?:\.txt)?$`,
    String.raw`(?:^|[/\\])\.(?:Xauthority|ICEauthority)$`,
    String.raw`(?:^|[/\\])jupyter[/\\]runtime[/\\]`,
    String.raw`\.keyring$|(?:^|[/\\])private_key[^/\\]*$|(?:^|[/\\])wg\d*\.conf$`,
    String.raw`(?:^|[/\\])\.(?:dbt|snowflake|mc|codex|gemini|password-store)[/\\]`,
    String.raw`(?:^|[/\\])\.local[/\\]share[/\\]keyrings(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])(?:logins\.json|key[34]\.db|Login Data|Cookies)$`,
    String.raw`(?:^|[/\\])\.modal\.toml$`,
    String.raw`(?:^|[/\\])\.(?:netrc|npmrc|pypirc|pgpass|git-credentials|boto|s3cfg|dockercfg|bash_history|zsh_history|python_history|mysql_history|psql_history|vault-token|databrickscfg|my\.cnf|terraformrc)$`,
    String.raw`(?:^|[/\\])\.(?:ngc|oci|terraform\.d|cargo|m2|gradle)[/\\](?:config|credentials[\w.-]*|settings\.xml|gradle\.properties)$`,
    String.raw`(?:^|[/\\])\.env(?:\.[\w.-]+)?$`,
    // Windows credential stores: the registry hives holding password hashes and LSA secrets, DPAPI
    // credentials, master keys, vaults and key containers, PowerShell's command history, a user's registry
    String.raw`(?:^|[/\\])(?:System32[/\\]config(?:[/\\]RegBack)?|repair)[/\\](?:SAM|SECURITY|SYSTEM)(?:\.(?:sav|bak|old))?$`,
    String.raw`(?:^|[/\\])Microsoft[/\\](?:Credentials|Protect|Vault|Crypto[/\\](?:RSA|Keys|SystemKeys))(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])PSReadLine[/\\]`,
    String.raw`(?:^|[/\\])(?:NTUSER\.DAT|UsrClass\.dat|Local State|Web Data)$`,
    // a service account's home outside /home (/var/lib/rabbitmq, /var/spool/<svc>, /srv/<svc>, /opt/<svc>):
    // its dot-files as a user's; an Erlang cluster cookie anywhere
    String.raw`(?:^|/)(?:var/(?:lib|spool|opt)|srv|opt)/[^/]+/\.(?!cache/)[^/]+`,
    String.raw`(?:^|[/\\])\.erlang\.cookie$`,
    // macOS: keychains, the local directory's user records (password hashes); Active Directory's database;
    // Windows setup answer files (administrator passwords); application stores of saved server passwords
    // (FileZilla, WinSCP), web applications' database credentials (wp-config.php, Laravel/Rails secrets)
    String.raw`(?:^|[/\\])Keychains(?:[/\\]|$)|\.keychain(?:-db)?$`,
    // application configuration that holds database and service passwords under neutral names (Rails, .NET,
    // Spring), Windows' netrc, a repository's config (remote URLs carry tokens)
    String.raw`(?:^|[/\\])config[/\\](?:database|secrets|storage|master)\.yml$|(?:^|[/\\])appsettings(?:\.[\w-]+)?\.json$|(?:^|[/\\])web\.config$`,
    String.raw`(?:^|[/\\])application(?:-[\w-]+)?\.(?:properties|ya?ml)$|(?:^|[/\\])_netrc$|(?:^|[/\\])\.git[/\\]config$`,
    String.raw`(?:^|[/\\])dslocal[/\\]nodes[/\\]`,
    String.raw`(?:^|[/\\])(?:ntds\.dit|[Uu]nattend(?:ed)?\.xml|[Ss]ysprep\.(?:xml|inf)|WinSCP\.ini|sitemanager\.xml|recentservers\.xml|wp-config\.php|master\.key|credentials\.yml\.enc|settings\.php|LocalSettings\.php|config\.inc\.php)$`,
    // machine-learning hosts' own API keys
    String.raw`(?:^|[/\\])\.cache[/\\]huggingface[/\\](?:token|stored_tokens)$`,
    String.raw`(?:^|[/\\])\.huggingface[/\\]token$`,
    String.raw`(?:^|[/\\])\.kaggle[/\\]kaggle\.json$`,
    String.raw`(?:^|[/\\])\.(?:wandb|netrc-wandb)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])serviceaccount[/\\]token$`,
    String.raw`(?:^|[/\\])application_default_credentials\.json$`,
    // names that say what they hold, and the conventional names of credential files (an OAuth token cache,
    // Terraform state and variables, a service account's key)
    String.raw`(?:^|[/\\])[^/\\]*(?:credential|secret|passwd|password)[^/\\]*$`,
    String.raw`(?:^|[/\\])(?:[\w.-]*[_.-])?(?:tokens?|api[_-]?keys?|access[_-]?keys?|auth)\.(?:json|txt|ya?ml|pickle|pkl|toml|ini)$`,
    String.raw`\.tfstate(?:\.backup)?$|\.tfvars(?:\.json)?$|(?:^|[/\\])serviceAccount[\w.-]*\.json$|(?:^|[/\\])service[_-]account[\w.-]*\.json$`,
    String.raw`\.(?:pem|key|p12|pfx|keystore|jks)$`,
];
const CREDENTIAL_PATH = new RegExp(CREDENTIAL_SOURCES.join("|"), "i");

/** Anything under a home written as such (~/..., /root/...): a credential location when the path is written so. */
const HOME_ANY = /^~[/\\]|^\/root(?:\/|$)/;
CREDENTIAL_SOURCES.push(HOME_ANY.source);

/**
 * Whether reading this path exposes credentials: judged on the path as the OS resolves it (`file://`
 * dropped, repeated separators and `.` segments removed, `..` applied where it can be) and as written.
 */
export function isCredentialPath(path: string, opts: { homeAny?: boolean } = {}): boolean {
  const p = path.replace(/^file:\/\//i, "");
  const c = cleanPath(p.replace(/\\/g, "/"));
  if (opts.homeAny !== false && (HOME_ANY.test(p) || HOME_ANY.test(c))) return true;
  return CREDENTIAL_PATH.test(p) || CREDENTIAL_PATH.test(c);
}

/**
 * Host files and folders whose contents the system, a shell, an interpreter or a tool runs later: a write
 * there persists code (a file write is critical). Relative forms count too, as for credentials.
 */
/** The persistence list's alternatives (regular-expression sources, case-insensitive). */
export const PERSISTENCE_SOURCES: string[] = [
    // shells and sessions run these at start
    String.raw`(?:^|[/\\])\.(?:bashrc|bash_profile|bash_login|bash_logout|bash_aliases|profile|zshrc|zprofile|zshenv|zlogin|kshrc|cshrc|tcshrc|xprofile|xinitrc|xsession|xsessionrc|pam_environment)$`,
    String.raw`(?:^|[/\\])etc[/\\](?:profile|bash\.bashrc|zsh[/\\]\w+|environment|rc\.local|ld\.so\.preload|sudoers|crontab|anacrontab)$`,
    String.raw`(?:^|[/\\])etc[/\\](?:profile\.d|sudoers\.d|cron\.[\w.-]+|init\.d|init|rc\d?\.d|systemd|xdg[/\\]autostart)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])\.config[/\\](?:autostart|systemd|fish|environment\.d)(?:[/\\]|$)`,
    // what the distributions' default start-up files source or run: ~/.bashrc.d/* (Fedora, RHEL), bash-completion's
    // user files (Debian, Ubuntu), the .d folders of other shells' rc files
    String.raw`(?:^|[/\\])\.(?:bashrc|bash_profile|profile|zshrc|zshenv|zprofile|kshrc)\.d(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])\.bash_completion(?:\.d)?(?:[/\\]|$)|(?:^|[/\\])\.local[/\\]share[/\\]bash-completion(?:[/\\]|$)`,
    // desktop sessions: window managers' and compositors' autostart and configuration files (their exec lines run
    // at login), KDE's autostart scripts and environment
    String.raw`(?:^|[/\\])\.config[/\\](?:openbox|labwc|lxsession|lxqt|i3|sway|hypr|bspwm|awesome|qtile|herbstluftwm|river|niri|wayfire|xmonad|dwl|spectrwm|icewm|jwm|autostart-scripts|plasma-workspace[/\\]env)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])\.(?:xmonad|fluxbox|icewm|i3|kde4?[/\\]Autostart)(?:[/\\]|$)`,
    // executables on the search path (overwritten, they keep their mode) and kernel specs Jupyter launches
    String.raw`(?:^|[/\\])(?:usr[/\\](?:local[/\\])?|\.local[/\\])?s?bin[/\\][^/\\]+$`,
    String.raw`(?:^|[/\\])jupyter[/\\]kernels[/\\][^/\\]+[/\\]kernel\.json$`,
    // hooks the system runs (package manager, login banner, log rotation, device events)
    String.raw`(?:^|[/\\])etc[/\\](?:apt[/\\]apt\.conf\.d|update-motd\.d|logrotate\.d|udev[/\\]rules\.d|NetworkManager[/\\]dispatcher\.d)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])(?:var[/\\])?spool[/\\](?:cron|at)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])(?:crontab|systemd)(?:[/\\]|$)`,
    // ssh: keys that let someone in, a config whose ProxyCommand / LocalCommand runs, a per-login rc
    String.raw`(?:^|[/\\])\.ssh[/\\](?:authorized_keys2?|config|rc|environment)$`,
    String.raw`(?:^|[/\\])authorized_keys2?$`,
    // Python runs these at start or at import
    String.raw`(?:^|[/\\])(?:site|dist)-packages(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])(?:sitecustomize|usercustomize)\.py$`,
    String.raw`\.pth$`,
    String.raw`(?:^|[/\\])\.ipython[/\\]profile_[^/\\]+[/\\](?:startup[/\\]|ipython_config\.py$)`,
    String.raw`(?:^|[/\\])\.jupyter[/\\]jupyter_[\w]*config\.py$`,
    String.raw`(?:^|[/\\])\.pythonrc(?:\.py)?$`,
    // tools that run commands from their configuration
    String.raw`(?:^|[/\\])\.gitconfig$`,
    String.raw`(?:^|[/\\])\.git[/\\](?:hooks(?:[/\\]|$)|config$)`,
    String.raw`(?:^|[/\\])\.(?:vimrc|exrc|emacs|tmux\.conf|Rprofile|condarc|npmrc|pip[/\\]pip\.conf)$`,
    // source and build files: Python imports a .py from the working directory or a project before the
    // library of the same name (numpy.py), node a module from node_modules (require), make and friends run
    // what their files say; the module folders of other interpreters (gems, perl5, R and Julia libraries)
    String.raw`\.(?:py|pyc|pyw|pyi|sh|bash|zsh|fish|ps1|psm1|bat|cmd|vbs|js|mjs|cjs|ts|mts|cts|jsx|tsx|rb|pl|pm|lua|r|jl|php|tcl|el|vim)$`,
    // compiled modules and shared libraries an import or a dynamic loader runs (requests.so beside a script)
    String.raw`\.(?:so|pyd|dylib|dll|bundle)(?:\.\d+)*$`,
    // more start-up and hook files: login shells' logout/login files, Mercurial and Yarn configs, PAM and
    // kernel-module configuration
    String.raw`(?:^|[/\\])\.(?:zlogout|login|logout|hgrc|yarnrc\.yml)$`,
    String.raw`(?:^|[/\\])etc[/\\](?:pam\.d|modprobe\.d|modules-load\.d|security)(?:[/\\]|$)`,
    // the system-wide forms of the tools' configurations (git's core.fsmonitor and hooks, tmux run-shell,
    // sshrc at every login, completion and X session scripts, DHCP client hooks, vim, readline)
    String.raw`(?:^|[/\\])etc[/\\](?:gitconfig|tmux\.conf|ssh[/\\]sshrc|vim[/\\]vimrc(?:\.local)?|inputrc|zshrc|zprofile|zshenv|bashrc|screenrc|wgetrc|npmrc)$`,
    String.raw`(?:^|[/\\])etc[/\\](?:bash_completion\.d|X11[/\\]Xsession\.d|dhcp[/\\]dhclient-(?:enter|exit)-hooks\.d|network[/\\]if-(?:up|down|pre-up|post-down)\.d|ppp[/\\]ip-(?:up|down)\.d)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])(?:node_modules|bower_components|gems|perl5|site-library|site_perl|vendor[/\\]bundle)[/\\]`,
    String.raw`(?:^|[/\\])(?:R[/\\]library|\.julia[/\\](?:packages|dev|environments)|\.cargo[/\\]registry|go[/\\]pkg[/\\]mod)[/\\]`,
    String.raw`(?:^|[/\\])(?:[Mm]akefile|GNUmakefile|CMakeLists\.txt|package\.json|pyproject\.toml|setup\.cfg|tox\.ini|Dockerfile|\.envrc|[Jj]ustfile|Rakefile|build\.gradle|pom\.xml)$`,
    // debuggers and interactive tools that run their start-up file (pdb, gdb, lldb, sqlite3, psql, irb ...)
    String.raw`(?:^|[/\\])\.(?:pdbrc|gdbinit|lldbinit|sqliterc|psqlrc|irbrc|pryrc|octaverc|yarnrc|gemrc|inputrc)(?:\.py)?$`,
    String.raw`(?:^|[/\\])\.julia[/\\]config[/\\]startup\.jl$`,
    // virtual environments and conda environments: activation scripts and hooks, the interpreter's config
    String.raw`(?:^|[/\\])(?:bin|Scripts)[/\\](?:activate(?:\.\w+)?|Activate\.ps1|python[\d.]*|pip[\d.]*)$`,
    String.raw`(?:^|[/\\])etc[/\\]conda[/\\](?:de)?activate\.d(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])pyvenv\.cfg$`,
    String.raw`(?:^|[/\\])\.config[/\\](?:pip[/\\]pip\.conf|nvim[/\\]init\.(?:vim|lua)|git[/\\]config)$`,
    // macOS and Windows start-up locations
    String.raw`(?:^|[/\\])Launch(?:Agents|Daemons)(?:[/\\]|$)`,
    String.raw`Start Menu[/\\]Programs[/\\]Startup(?:[/\\]|$)`,
];
const PERSISTENCE_PATH = new RegExp(PERSISTENCE_SOURCES.join("|"), "i");

/**
 * Whether writing this path persists code on the host, judged on the path as the OS resolves it and as
 * written (as isCredentialPath).
 */
export function isPersistencePath(path: string): boolean {
  const p = path.replace(/^file:\/\//i, "");
  return PERSISTENCE_PATH.test(p) || PERSISTENCE_PATH.test(cleanPath(p.replace(/\\/g, "/")));
}
