package dev.episodes.redaction.detect;

import dev.episodes.redaction.Placeholder;
import java.util.List;
import java.util.regex.Matcher;

/**
 * API keys, tokens, private keys and credentials, after the gitleaks rule set: provider token formats
 * (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Google), JWTs, PEM private keys,
 * {@code user:pass@} in URLs, bearer tokens, and {@code key=value} assignments whose key names a secret
 * and whose value has high entropy.
 */
public final class SecretDetector implements Detector {
    /** The redacted part is whichever capturing group matched. */
    static final int ANY_GROUP = -1;
    /** An assigned value: quoted (anything up to the quote) or bare (up to a delimiter); never a placeholder. */
    private static final String VALUE = "(?!\\[[A-Z_]+])(?:\"([^\"\\n]{%1$d,})\"|'([^'\\n]{%1$d,})'|([^\\s\"',;&]{%1$d,}))";
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
            SecretRule.of("private-key", "-----BEGIN[A-Z ]{0,32}PRIVATE KEY-----[\\s\\S]*?"
                    + "(?:-----END[A-Z ]{0,32}PRIVATE KEY-----|$)", 0, 0).hints("private key-----"),
            SecretRule.of("url-credentials", "[A-Za-z][A-Za-z0-9+.-]{1,20}://([^/\\s:@]{1,128}:[^/\\s@]{1,256})@", 1, 0)
                    .hints("://"),
            SecretRule.of("bearer-token", "(?i)\\bbearer\\s+([A-Za-z0-9._~+/-]{16,}=*)", 1, 3.0).hints("bearer"),
            SecretRule.of("password-assignment", "(?i)\\b(?:[a-z0-9]+[_-])?(?:password|passwd|passwort|pwd|pass|"
                    + "passphrase)\\b[\"']?\\s{0,3}[:=]\\s{0,3}" + VALUE.formatted(4), ANY_GROUP, 0)
                    .hints("pass", "pwd"),
            SecretRule.of("secret-assignment", "(?i)\\b(?:[a-z0-9]+[_-])?(?:secret|token|"
                    + "api[_-]?key|apikey|access[_-]?key|auth|authorization|credentials?|private[_-]?key)"
                    + "\\b[\"']?\\s{0,3}[:=]\\s{0,3}" + VALUE.formatted(8), ANY_GROUP, 3.0)
                    .hints("secret", "token", "key", "auth", "credential"));

    @Override
    public void find(String text, List<Span> out) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (SecretRule rule : RULES) {
            if (!rule.mayMatch(lower)) {
                continue;
            }
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
                out.add(new Span(start, end, Placeholder.SECRET, rule.id()));
            }
        }
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
