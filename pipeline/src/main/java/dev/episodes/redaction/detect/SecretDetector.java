package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;

/**
 * API keys, tokens, private keys and credentials, after the gitleaks rule set: provider token formats
 * (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Google), JWTs, PEM / PGP / OpenSSH / PuTTY
 * private keys from their header to their end (or to the end of the string when cut off),
 * {@code user:pass@} in URLs (also with an empty user), bearer and other authorization headers, API-key
 * and cookie headers, {@code key=value} assignments whose key names a secret, credentials on command
 * lines (environment assignments, {@code --password X}, each tool's own password flag), and long
 * machine-made tokens (high-entropy runs of mixed case and digits: a key's body lines, a pasted token).
 *
 * <p>Command lines, per tool: {@code -p} is a password only where the tool says so. {@code mysql} and
 * its siblings take it attached ({@code -pS3cret}); {@code mysql -p name} prompts and {@code name} is the
 * database, so it stays. {@code sshpass -p}, {@code docker login -p}, {@code mongo(sh) -p}, {@code
 * redis-cli -a}, {@code ldapsearch -w}, {@code sqlcmd -P}, {@code smbclient -U user%pw}, {@code curl -u
 * user:pw}, {@code lftp -u user,pw}, {@code xfreerdp /p:pw}, {@code az login -p}, {@code htpasswd -b
 * file user pw} and {@code vault login token} take the value. Elsewhere {@code -p} is a port, a project
 * or a path ({@code docker run -p 8080:80}, {@code ssh -p 2222}) and is left alone. {@code --password X}
 * followed by an ordinary word ("use --password to ...") is prose, not a value.
 */
public final class SecretDetector implements Detector {
    /** The redacted part is whichever capturing group matched. */
    static final int ANY_GROUP = -1;
    /** An assigned value: quoted (anything up to the quote) or bare (up to a delimiter); never a placeholder. */
    private static final String VALUE = "(?!\\[[A-Z_]+])(?:\"([^\"\\n]{%1$d,})\"|'([^'\\n]{%1$d,})'|([^\\s\"',;&]{%1$d,}))";
    /** A command-line argument: quoted or bare; never a placeholder or a shell variable. */
    private static final String ARG = "(?![\\[$])(\"[^\"\\n]+\"|'[^'\\n]+'|[^\\s\"'|;&]+)";
    /** Between a command's name and one of its flags: other arguments on the same command. */
    private static final String ARGS = "(?:\\.exe)?\\s(?:[^\\n|;&]{0,200}?\\s)?"; // bounded: no O(n^2) on long lines
    /** Where a command name may start: not inside a longer word or path component. */
    private static final String CMD = "(?<![\\w.-])";
    static final List<SecretRule> RULES = List.of(
            SecretRule.of("aws-access-key-id", "(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])", 0, 3.0)
                    .allowing("EXAMPLE").hints("akia", "asia", "abia", "acca"),
            SecretRule.of("github-token", "(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{36,255}(?![A-Za-z0-9_])", 0, 3.0)
                    .hints("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
            SecretRule.of("github-fine-grained-pat", "(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{22,255}", 0, 3.0)
                    .hints("github_pat_"),
            SecretRule.of("gitlab-pat", "(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}", 0, 3.0).hints("glpat-"),
            SecretRule.of("slack-token", "(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}", 0, 2.8).hints("xox"),
            SecretRule.of("stripe-key", "(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}", 0, 3.0)
                    .hints("k_live_", "k_test_"),
            SecretRule.of("anthropic-key", "(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,}", 0, 3.0).hints("sk-ant-"),
            SecretRule.of("openai-key", "(?<![A-Za-z0-9])sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", 0, 3.5).hints("sk-"),
            SecretRule.of("google-api-key", "(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", 0, 3.0).hints("aiza"),
            SecretRule.of("jwt", "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", 0, 3.0)
                    .hints("eyj"),
            SecretRule.of("private-key", "(?i)-{3,} ?BEGIN (?:[A-Z0-9]+ )*(?:PRIVATE KEY(?: BLOCK)?|SECRET KEY BLOCK)"
                    + " ?-{3,}[\\s\\S]*?(?:-{3,} ?END (?:[A-Z0-9]+ )*(?:PRIVATE KEY(?: BLOCK)?|SECRET KEY BLOCK) ?-{3,}|$)",
                    0, 0).hints("begin "),
            SecretRule.of("putty-private-key", "(?i)PuTTY-User-Key-File-[0-9]+:[\\s\\S]*?(?:Private-MAC: *[0-9a-f]+|$)", 0, 0)
                    .hints("putty-user-key-file"),
            // the literal "://" first, the scheme checked behind it: trying a scheme at every position was slow
            SecretRule.of("url-credentials", "://(?<=[A-Za-z0-9+.-]://)([^/\\s:@]{0,128}:[^/\\s?#]{1,256})@", 1, 0)
                    .hints("://"),
            SecretRule.of("bearer-token", "(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)", 1, 3.0).hints("bearer"),
            SecretRule.of("authorization-header", "(?i)\\b(?:proxy-)?authorization[\"']?\\s{0,3}[:=]\\s{0,3}[\"']?"
                    + "(?:(?:bearer|basic|token|bot|digest|negotiate|ntlm|apikey|sso-key|key)\\s+)?(?!\\[[A-Z_]+])"
                    + "([^\\s\"',]{6,})", 1, 0).hints("authorization"),
            SecretRule.of("secret-header", "(?i)(?<![\\w-])(?:x-[a-z0-9-]*(?:api-?key|token|auth|secret|signature|"
                    + "password|session)[a-z0-9-]*|api-?key|private-token)\\s{0,3}:\\s{0,3}(?!\\[[A-Z_]+])([^\\s\"']{6,})",
                    1, 0).hints("x-", "api", "private-token"),
            SecretRule.of("cookie-header", "(?i)(?<![\\w-])(?:set-)?cookie\\s{0,3}:\\s{0,3}([^\\s=\"';]+=[^\\n\"']+)", 1, 0)
                    .hints("cookie"),
            SecretRule.of("password-assignment", "(?i)\\b(?:[a-z0-9]+[_-])?(?:password|passwd|passwort|pwd|pass|"
                    + "passphrase)\\b[\"']?\\s{0,3}[:=]\\s{0,3}" + VALUE.formatted(4), ANY_GROUP, 0)
                    .hints("pass", "pwd"),
            SecretRule.of("secret-assignment", "(?i)\\b(?:[a-z0-9]+[_-])?(?:secret|token|"
                    + "api[_-]?key|apikey|access[_-]?key|auth|authorization|credentials?|private[_-]?key)"
                    + "\\b[\"']?\\s{0,3}[:=]\\s{0,3}" + VALUE.formatted(8), ANY_GROUP, 3.0)
                    .hints("secret", "token", "key", "auth", "credential"),
            // the same with labels in other languages, and a full-width colon (Japanese, Chinese IMEs fold it)
            SecretRule.of("password-label", "(?i)(?<![\\p{L}])(?:mot de passe|contrase\u00f1a|senha|wachtwoord|kennwort"
                    + "|parola d'ordine|has\u0142o|\u043f\u0430\u0440\u043e\u043b\u044c|\u5bc6\u7801|\u5bc6\u78bc"
                    + "|\u30d1\u30b9\u30ef\u30fc\u30c9|\ube44\ubc00\ubc88\ud638|pin|passcode)\\s{0,3}[:=]\\s{0,3}"
                    + VALUE.formatted(4), ANY_GROUP, 0)
                    .hints("mot de passe", "contrase", "senha", "wachtwoord", "kennwort", "parola", "has\u0142o", "pin", "passcode")
                    .hintsAlso("\u043f\u0430\u0440", "\u5bc6", "\u30d1\u30b9", "\ube44\ubc00"),
            // "my password is Sunshine2026": prose, so the value must look made up (letters and digits or
            // symbols, 6+ characters); "the password is wrong" and "the password is too short" stay
            SecretRule.of("password-in-prose", "(?i)(?<![\\p{L}])(?:password|passwort|kennwort|pw|pwd|passcode|passphrase"
                    + "|mot de passe|contrase\u00f1a|senha|wachtwoord)\\s+(?:is|ist|es|est|\u00e9|=|is now|lautet)\\s+"
                    + "(?![\\[$])[\"']?((?=[^\\s\"']*[0-9!@#$%^&*?_~+])(?=[^\\s\"']*\\p{L})[^\\s\"',;]{6,})", 1, 0)
                    .hints("pass", "pw", "kennwort", "contrase", "senha", "wachtwoord"),
            // PGPASSWORD=..., AWS_SECRET_ACCESS_KEY=..., MYSQL_PWD=... (upper case: environment variables).
            // Name parts are delimited by '_' so the pattern cannot split a long upper-case run 2^n ways.
            SecretRule.of("env-credential", "(?<![A-Za-z0-9_])(?:[A-Z0-9]+_)*[A-Z0-9]{0,12}?(?:PASSWORD|PASSWD|PASSPHRASE|_PWD|_PASS"
                    + "|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?)(?:_[A-Z0-9]+)*(?<!_FILE|_PATH|_DIR)"
                    + "\\s?=\\s?(?!\\$)" + VALUE.formatted(1), ANY_GROUP, 0)
                    .hints("pass", "pwd", "secret", "token", "key", "credential"),
            // --password X, --db-password=X, -passin pass:X, --token X (not --password-stdin, --token-file)
            SecretRule.of("cli-password-flag", "(?i)(?<![\\w-])--?(?:[a-z0-9]+[-_])*(?:password|passwd|passphrase|pass"
                    + "|passin|passout|pwd|token|secret|api-?key|access-?key|secret-?key|auth-?token)(?![\\w-])"
                    + "(?:=|\\s+)(?!-)" + ARG, 1, 0).hints("pass", "pwd", "token", "secret", "key"),
            SecretRule.of("mysql-password", CMD + "(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlshow|mysqlcheck"
                    + "|mysqlpump|mysqlsh|mariadb|mariadb-dump|mariadb-admin)" + ARGS + "-p(?![\\s=])" + ARG, 1, 0)
                    .hints("mysql", "mariadb"),
            SecretRule.of("tool-password-flag", CMD + "(?:sshpass" + ARGS + "-p ?|(?:docker|podman|az)\\s+login" + ARGS
                    + "-p |mongo(?:sh)?" + ARGS + "-p ?|redis-cli" + ARGS + "-a ?|ldap(?:search|modify|add|delete|whoami|passwd)"
                    + ARGS + "-w ?|sqlcmd" + ARGS + "-P ?|bcp" + ARGS + "-P ?"
                    + "|htpasswd\\s+-[a-zA-Z]*b[a-zA-Z]*(?:\\s+-[a-zA-Z]+)*\\s+\\S+\\s+\\S+\\s+"
                    + "|vault\\s+login\\s+(?:-\\S+\\s+)*)" + ARG, 1, 0)
                    .hints("sshpass", "login", "mongo", "redis-cli", "ldap", "sqlcmd", "bcp", "htpasswd"),
            SecretRule.of("tool-user-password", CMD + "(?:curl" + ARGS + "(?:-u|--user|--proxy-user|-U)(?: |=)?"
                    + "[\"']?[^\\s:\"']*:|smbclient" + ARGS + "-U ?[\"']?[^\\s%\"']*%|lftp" + ARGS + "-u ?[\"']?[^\\s,\"']*,"
                    + "|x?freerdp" + ARGS + "/p:)" + ARG, 1, 0).hints("curl", "smbclient", "lftp", "freerdp"));

    private static final Hints HINTS = new Hints(RULES);

    @Override
    public void find(String text, List<Span> out) {
        long candidates = HINTS.candidates(text);
        for (int r = 0; r < RULES.size(); r++) {
            if ((candidates & (1L << r)) == 0) {
                continue;
            }
            SecretRule rule = RULES.get(r);
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                int group = rule.group() == ANY_GROUP ? firstMatched(m) : rule.group();
                int start = m.start(group);
                int end = m.end(group);
                String value = text.substring(start, end);
                if (rule.allowSuffix() != null && value.endsWith(rule.allowSuffix())) {
                    continue;
                }
                if (SecretRule.entropy(value) < rule.minEntropy()) {
                    continue;
                }
                if (rule.id().equals("cli-password-flag") && PROSE.contains(value.toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                out.add(new Span(start, end, Placeholder.SECRET, rule.id()));
            }
        }
        randomTokens(text, out);
    }

    /**
     * Long machine-made tokens anywhere (a private key's body lines, a pasted token, an unlabelled key):
     * runs of at least {@value #RANDOM_MIN} token characters that {@link Tokens#looksRandom} judges random.
     * Hex runs (git hashes, checksums) and UUIDs are left: in text they are usually ids.
     */
    private static void randomTokens(String text, List<Span> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!inToken(text, i)) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && inToken(text, j)) {
                j++;
            }
            if (j - i >= RANDOM_MIN) {
                if (pathLike(text, i, j)) {
                    int k = i;
                    while (k < j) {
                        int slash = text.indexOf('/', k);
                        int end = slash < 0 || slash > j ? j : slash;
                        candidate(text, k, end, out);
                        k = end + 1;
                    }
                } else {
                    candidate(text, i, j, out);
                }
            }
            i = j;
        }
    }

    private static void candidate(String text, int from, int to, List<Span> out) {
        while (from < to && (text.charAt(from) == '-' || text.charAt(from) == '_' || text.charAt(from) == '=')) {
            from++; // "--token" style prefixes are not part of the token
        }
        while (to > from && (text.charAt(to - 1) == '-' || text.charAt(to - 1) == '_')) {
            to--;
        }
        if (Tokens.looksRandom(text, from, to, RANDOM_MIN) && !covered(from, to, out)) {
            out.add(new Span(from, to, Placeholder.SECRET, "random-token"));
        }
    }

    /**
     * A run with two or more slashes whose pieces are mostly words or numbers ("com/acme/app/blob/3f9a...")
     * is a path and is judged piece by piece; base64 (a key's body) has slashes between random pieces.
     */
    private static boolean pathLike(String text, int from, int to) {
        int pieces = 0;
        int plain = 0;
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k == to || text.charAt(k) == '/') {
                if (k > start) {
                    pieces++;
                    if (plain(text, start, k)) {
                        plain++;
                    }
                }
                start = k + 1;
            }
        }
        return pieces >= 3 && plain * 2 >= pieces;
    }

    private static boolean plain(String text, int from, int to) {
        boolean letters = true;
        boolean digits = true;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            letters &= Character.isLetter(c) || c == '-' || c == '_';
            digits &= Character.isDigit(c);
        }
        return letters || digits;
    }

    private static final int RANDOM_MIN = 24;
    /** Words that follow a flag's name in prose ("pass --password to the tool"), never taken for its value. */
    private static final java.util.Set<String> PROSE = java.util.Set.of("to", "is", "the", "and", "or", "flag",
            "option", "for", "with", "in", "on", "of", "argument", "parameter", "if", "when", "here", "instead", "then",
            "as", "at", "by", "from", "but", "not", "was", "will", "it", "you", "a", "an");

    /**
     * Base64 and base64url characters; dots end a token in text (host names, file names, sentences), and
     * so does '=' unless it is trailing padding ("name=value" is two things).
     */
    private static boolean inToken(String text, int i) {
        char c = text.charAt(i);
        if (c == '=') {
            return i + 1 >= text.length() || !Character.isLetterOrDigit(text.charAt(i + 1));
        }
        return c != '.' && c != '~' && Tokens.tokenChar(c);
    }

    private static boolean covered(int start, int end, List<Span> found) {
        for (Span s : found) {
            if (s.start() <= start && end <= s.end()) {
                return true;
            }
        }
        return false;
    }

    private static int firstMatched(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.start(g) >= 0) {
                return g;
            }
        }
        return 0;
    }
}
