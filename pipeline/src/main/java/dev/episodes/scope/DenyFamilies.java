package dev.episodes.scope;

import java.util.List;

/**
 * Activity that never becomes training data, whatever the policy allows: password managers of every
 * vendor (their apps, their sites on any domain, their browser extensions), browser-extension pages and
 * popups, browsers' own password pages, the operating systems' password and keychain apps, and
 * one-time-code authenticators. Families, not spellings: a vendor's name anywhere in the app name,
 * window title or host ({@code 1Password 8}, {@code my.1password.eu}, {@code vault.bitwarden.com}).
 */
public final class DenyFamilies {
    /** Vendor and product names, matched anywhere in the app name, window title and host. */
    static final List<String> VENDORS = List.of("1password", "agilebits", "bitwarden", "keepass", "lastpass",
            "dashlane", "enpass", "nordpass", "proton pass", "protonpass", "keepersecurity", "roboform",
            "passbolt", "psono", "zoho vault", "sticky password", "stickypassword", "truekey", "true key",
            "password boss", "passwordboss", "keychain", "kwallet", "seahorse", "gnome-keyring", "authy",
            "authenticator", "strongbox", "minimalist password", "buttercup", "padloc", "passwarden",
            "icloud passwords", "password manager", "password safe", "passwordsafe", "credential manager",
            "credentialmanager", "vaultwarden");

    public static final List<ScopeRule> RULES = List.of(
            new ScopeRule(globs(), List.of(), List.of(), List.of()),
            new ScopeRule(List.of(), globs(), List.of(), List.of()),
            new ScopeRule(List.of(), List.of(), globs(), List.of()),
            // Apps whose plain name is a password app: macOS 15 Passwords, GNOME's Passwords and Keys,
            // Keeper, Windows' credential UI, KDE's wallet manager.
            ScopeRule.app("passwords", "passwords and keys", "keeper", "keeper password*", "keeper desktop",
                    "kwalletmanager*", "credential manager", "windows credential*", "credui*", "pass", "qtpass",
                    "gopass*", "keyring*"),
            ScopeRule.title("passwords", "passwords and keys", "keeper", "keeper vault*", "*- keeper*",
                    "credential manager", "manage your credentials", "windows security", "saved passwords",
                    "*password manager*", "*passwords and keys*"),
            // Browser extension pages (every extension popup) and the browsers' own password pages.
            ScopeRule.url("chrome-extension://*", "moz-extension://*", "safari-web-extension://*",
                    "ms-browser-extension://*", "extension://*", "edge-extension://*",
                    "chrome://password*", "chrome://settings/password*", "chrome://settings/autofill*",
                    "edge://settings/password*", "edge://wallet*", "edge://settings/autofill*",
                    "brave://settings/password*", "brave://password*", "opera://settings/password*",
                    "vivaldi://settings/password*", "about:logins*"),
            // Vendors' hosts under other names, and Google's and Apple's password sites.
            ScopeRule.host("keeper.io", "*.keeper.io", "vault.zoho.*", "pass.proton.me",
                    "passwords.google", "passwords.google.com", "*.1passwordusercontent.com", "*.1password.*",
                    "*.bitwarden.*", "*.lastpass.*", "*.dashlane.*", "*.keepersecurity.*"));

    private DenyFamilies() {}

    private static List<ScopePattern> globs() {
        return VENDORS.stream().map(v -> new ScopePattern("*" + v + "*")).toList();
    }
}
