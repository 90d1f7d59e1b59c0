package dev.episodes.scope;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What activity may become training data. A context is in scope when no deny rule matches it (the
 * built-in {@link DenyFamilies} unless {@code builtinDeny} is off, then the policy's own) and, if the
 * policy has an allow list, an allow rule does: deny wins, and no allow list means everything not
 * denied. {@code name} and {@code sha256} (of the policy file's bytes, or of the one-line allow list)
 * are recorded in {@code _meta/info.json} and every manifest; {@code maskRegions} are for frames.
 */
public record ScopePolicy(String name, String sha256, List<ScopeRule> allow, List<ScopeRule> deny,
        boolean builtinDeny, List<MaskRegion> maskRegions) implements Serializable {

    /** No policy configured: everything except the built-in deny families (its digest is of their rules). */
    public static final ScopePolicy DEFAULT = new ScopePolicy("builtin", ScopeFiles.sha256(
            DenyFamilies.RULES.toString().getBytes(StandardCharsets.UTF_8)), List.of(), List.of(), true, List.of());

    public ScopePolicy {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a scope policy needs a name");
        }
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        maskRegions = List.copyOf(maskRegions);
    }

    /** Every deny rule in force: the built-in families first, then the policy's own. */
    public List<ScopeRule> denyRules() {
        if (!builtinDeny) {
            return deny;
        }
        List<ScopeRule> all = new ArrayList<>(DenyFamilies.RULES);
        all.addAll(deny);
        return all;
    }

    public ScopeMatcher matcher() {
        return new ScopeMatcher(this);
    }

    /** What {@code _meta/info.json} and manifests record: which policy, never what it matched. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("sha256", sha256);
        m.put("allow_rules", allow.size());
        m.put("deny_rules", deny.size());
        m.put("builtin_deny", builtinDeny);
        m.put("mask_regions", maskRegions.size());
        return m;
    }
}
