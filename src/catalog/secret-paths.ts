// The one list of host files whose contents are credentials: a read of such a path is high wherever the
// scan meets it (TensorFlow ops, HDF5 links, vocabulary files, Lambda reads). Relative forms count too:
// a loader resolves a relative path against its working directory (a notebook started in $HOME).
import { cleanPath } from "../core/fs.js";

const CREDENTIAL_PATH = new RegExp(
  [
    // system credential stores and process secrets
    String.raw`(?:^|[/\\])etc[/\\](?:passwd|shadow|gshadow|sudoers|master\.passwd)$`,
    String.raw`(?:^|[/\\])proc[/\\](?:self|thread-self|\d+)[/\\](?:environ|mem|cmdline|maps)$`,
    String.raw`(?:^|[/\\])(?:var[/\\])?run[/\\]secrets(?:[/\\]|$)`,
    // user credential files (home-relative or relative to the working directory)
    String.raw`(?:^|[/\\])\.ssh(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])id_(?:rsa|dsa|ecdsa|ed25519)(?:\.pub)?$`,
    String.raw`(?:^|[/\\])\.(?:aws|azure|gnupg|kube|docker|gcloud)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])\.config[/\\](?:gcloud|gh|hub|rclone)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])\.(?:netrc|npmrc|pypirc|pgpass|git-credentials|boto|s3cfg|dockercfg|bash_history|zsh_history|python_history|mysql_history|psql_history|vault-token|databrickscfg|my\.cnf|terraformrc)$`,
    String.raw`(?:^|[/\\])\.(?:ngc|oci|terraform\.d|cargo|m2|gradle)[/\\](?:config|credentials[\w.-]*|settings\.xml|gradle\.properties)$`,
    String.raw`(?:^|[/\\])\.env(?:\.[\w.-]+)?$`,
    // machine-learning hosts' own API keys
    String.raw`(?:^|[/\\])\.cache[/\\]huggingface[/\\](?:token|stored_tokens)$`,
    String.raw`(?:^|[/\\])\.huggingface[/\\]token$`,
    String.raw`(?:^|[/\\])\.kaggle[/\\]kaggle\.json$`,
    String.raw`(?:^|[/\\])\.(?:wandb|netrc-wandb)(?:[/\\]|$)`,
    String.raw`(?:^|[/\\])serviceaccount[/\\]token$`,
    String.raw`(?:^|[/\\])application_default_credentials\.json$`,
    // names that say what they hold
    String.raw`(?:^|[/\\])[^/\\]*(?:credential|secret|passwd|password)[^/\\]*$`,
    String.raw`\.(?:pem|key|p12|pfx|keystore|jks)$`,
    // anything under another user's or root's home written absolutely
    String.raw`^~[/\\]`,
    String.raw`^/root(?:/|$)`,
  ].join("|"),
  "i",
);

/**
 * Whether reading this path exposes credentials: judged on the path as the OS resolves it (`file://`
 * dropped, repeated separators and `.` segments removed, `..` applied where it can be) and as written.
 */
export function isCredentialPath(path: string): boolean {
  const p = path.replace(/^file:\/\//i, "");
  return CREDENTIAL_PATH.test(p) || CREDENTIAL_PATH.test(cleanPath(p.replace(/\\/g, "/")));
}
