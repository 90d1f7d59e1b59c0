package dev.episodes.redaction.corpus;

import static dev.episodes.redaction.corpus.Labelled.lookAlike;
import static dev.episodes.redaction.corpus.Labelled.secret;
import static dev.episodes.redaction.corpus.Labelled.urlLookAlike;
import static dev.episodes.redaction.corpus.Labelled.urlSecret;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written adversarial corpus, one list per class: secrets written the way people and tools write
 * them on real desktops (separators, digit scripts and keyboards, languages, shells and platforms), and
 * look-alikes that must survive (commands, order numbers, versions, dates, hashes, ids, prose). Not made
 * by the generator and not shaped like its output.
 */
public final class AdversarialCorpus {
    private AdversarialCorpus() {}

    /** Ways a digit group separator is written: keyboards, locales, copy-paste from PDFs and web pages. */
    static final String[] SEPARATORS = {" ", "", "-", ".", "/", "\u00A0", "\u202F", "\u2009", " - ", "\u200B", "\u2011"};
    /** Digit scripts: full-width (Japanese/Chinese IME), Arabic-Indic, Persian, Devanagari, Bengali, Thai. */
    static final int[] DIGIT_ZEROS = {0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50};
    static final String[] CONTEXTS = {"pay with %s thanks", "Meine Kreditkarte: %s, gültig bis 12/28",
        "Mi tarjeta es %s", "carte bancaire n° %s", "カード番号は%sです", "رقم البطاقة %s", "%s", "Card: %s\n"};

    /** {@code grouped} written with each separator and in each digit script. */
    static List<String> numberForms(String grouped) {
        List<String> out = new ArrayList<>();
        for (String sep : SEPARATORS) {
            out.add(grouped.replace(" ", sep));
        }
        for (int zero : DIGIT_ZEROS) {
            StringBuilder sb = new StringBuilder();
            grouped.chars().forEach(c -> {
                if (c >= '0' && c <= '9') {
                    sb.appendCodePoint(zero + (c - '0'));
                } else {
                    sb.append((char) c);
                }
            });
            out.add(sb.toString());
        }
        return out;
    }

    public static List<Labelled> cards() {
        List<Labelled> out = new ArrayList<>();
        String[] cards = {"4111 1111 1111 1111", "5555 5555 5555 4444", "3782 822463 10005", "6011 1111 1111 1117",
            "3530 1113 3330 0000", "4012 8888 8888 1881", "2223 0031 2200 3222", "3056 9309 0259 04"};
        int i = 0;
        for (String card : cards) {
            for (String form : numberForms(card)) {
                out.add(secret("CREDIT_CARD", CONTEXTS[i++ % CONTEXTS.length].formatted(form), form));
            }
        }
        return out;
    }

    public static List<Labelled> ibans() {
        List<Labelled> out = new ArrayList<>();
        String[] ibans = {"DE89 3704 0044 0532 0130 00", "GB82 WEST 1234 5698 7654 32", "FR14 2004 1010 0505 0001 3M02 606",
            "NL91 ABNA 0417 1643 00", "ES91 2100 0418 4502 0005 1332", "IT60 X054 2811 1010 0000 0123 456",
            "CH93 0076 2011 6238 5295 7", "AT61 1904 3002 3457 3201", "BE68 5390 0754 7034", "PL61 1090 1014 0000 0712 1981 2874"};
        String[] contexts = {"IBAN: %s bitte bis Freitag", "Überweisung an %s", "virement sur %s", "IBAN %s.", "%s",
            "Cuenta: %s (Santander)", "rekening %s"};
        String[] seps = {" ", "", "-", "\u00A0", "\u202F", ".", " - "};
        int i = 0;
        for (String iban : ibans) {
            for (String sep : seps) {
                String form = iban.replace(" ", sep);
                out.add(secret("IBAN", contexts[i++ % contexts.length].formatted(form), form));
            }
            String lower = iban.toLowerCase(java.util.Locale.ROOT);
            out.add(secret("IBAN", "iban " + lower, lower));
            String wide = toFullWidth(iban);
            out.add(secret("IBAN", "口座 " + wide, wide));
        }
        return out;
    }

    public static List<Labelled> ssns() {
        List<Labelled> out = new ArrayList<>();
        String[] ssns = {"536 22 1234", "078 05 1121", "219 09 9999", "457 55 5462"};
        String[] seps = {"-", " ", ".", "/", "\u00A0", "\u202F"};
        for (String ssn : ssns) {
            for (String sep : seps) {
                String form = ssn.replace(" ", sep);
                out.add(secret("SSN", "SSN " + form + " on file", form));
                out.add(secret("SSN", "my social is " + form, form));
            }
            for (int zero : DIGIT_ZEROS) {
                String form = numberForms(ssn.replace(" ", "-")).get(SEPARATORS.length + indexOf(zero));
                out.add(secret("SSN", "SSN: " + form, form));
            }
            String bare = ssn.replace(" ", "");
            for (String label : new String[] {"SSN %s", "SSN: %s", "ssn#%s", "Social Security Number %s",
                "social security no. %s", "Soc. Sec. # %s", "SS# %s", "número de seguro social: %s", "SSN=%s"}) {
                out.add(secret("SSN", label.formatted(bare), bare));
            }
        }
        return out;
    }

    public static List<Labelled> emails() {
        List<Labelled> out = new ArrayList<>();
        String[][] cases = {
            {"write to alex.morgan@example.com, ok", "alex.morgan@example.com"},
            {"josé.garcía@ejemplo.es me escribió", "josé.garcía@ejemplo.es"},
            {"Mail an jürgen.müller@bücher.de", "jürgen.müller@bücher.de"},
            {"联系 用户@例子.广告 谢谢", "用户@例子.广告"},
            {"почта: иван@пример.рф", "иван@пример.рф"},
            {"info@xn--bcher-kva.de", "info@xn--bcher-kva.de"},
            {"to: \"jane doe\"@example.org", "\"jane doe\"@example.org"},
            {"to \"j.doe+work\"@corp.example.com", "\"j.doe+work\"@corp.example.com"},
            {"jane＠example.org (full-width at)", "jane＠example.org"},
            {"ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ", "ｊａｎｅ＠ｅｘａｍｐｌｅ．ｏｒｇ"},
            {"jane﹫example.org", "jane﹫example.org"},
            {"ja\u200Bne@example.org", "ja\u200Bne@example.org"},
            {"JANE.DOE@EXAMPLE.ORG", "JANE.DOE@EXAMPLE.ORG"},
            {"a.b-c_d+tag@sub.mail.example.co.uk", "a.b-c_d+tag@sub.mail.example.co.uk"},
            {"jane%40example.org", "jane%40example.org"},
            {"Inbox – priya.n@example.in – Mail", "priya.n@example.in"},
            {"Re: 山田さん yamada.taro@example.jp より", "yamada.taro@example.jp"},
            {"mailto:o'brien@example.ie", "brien@example.ie"},
        };
        for (String[] c : cases) {
            out.add(secret("EMAIL", c[0], c[1]));
        }
        return out;
    }

    public static List<Labelled> phones() {
        List<Labelled> out = new ArrayList<>();
        String[][] cases = {
            {"call (415) 555-2671 now", "(415) 555-2671"},
            {"cell 415-555-2671", "415-555-2671"},
            {"415.555.2671 (mobile)", "415.555.2671"},
            {"+1 415 555 2671", "+1 415 555 2671"},
            {"Tel. +49 30 901820", "+49 30 901820"},
            {"Ruf mich an: 030 901820", "030 901820"},
            {"Handy 0151 23456789", "0151 23456789"},
            {"ring 020 7946 0958 tomorrow", "020 7946 0958"},
            {"mobile 07700 900123", "07700 900123"},
            {"appelle-moi au 01 42 68 53 00", "01 42 68 53 00"},
            {"portable 06 12 34 56 78", "06 12 34 56 78"},
            {"電話 （４１５）５５５－２６７１", "（４１５）５５５－２６７１"},
            {"هاتف +١ ٤١٥ ٥٥٥ ٢٦٧١", "+١ ٤١٥ ٥٥٥ ٢٦٧١"},
            {"call 415\u00A0555\u00A02671", "415\u00A0555\u00A02671"},
            {"+44\u202F20\u202F7946\u202F0958", "+44\u202F20\u202F7946\u202F0958"},
        };
        for (String[] c : cases) {
            out.add(secret("PHONE", c[0], c[1]));
        }
        return out;
    }

    static final String RSA_BODY = "MIIEowIBAAKCAQEA7x2VqYH0zJ9mK3pL8wR4tN6bC1dF5gH2jK4lM7nP9qR3sT6v\n"
            + "Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE2gU7wQ1eR4tY8uI0oP3aS6dF9gH2jK5l";

    public static List<Labelled> privateKeys() {
        List<Labelled> out = new ArrayList<>();
        String[][] headers = {{"RSA PRIVATE KEY", "RSA PRIVATE KEY"}, {"PRIVATE KEY", "PRIVATE KEY"},
            {"OPENSSH PRIVATE KEY", "OPENSSH PRIVATE KEY"}, {"EC PRIVATE KEY", "EC PRIVATE KEY"},
            {"ENCRYPTED PRIVATE KEY", "ENCRYPTED PRIVATE KEY"}, {"PGP PRIVATE KEY BLOCK", "PGP PRIVATE KEY BLOCK"},
            {"DSA PRIVATE KEY", "DSA PRIVATE KEY"}};
        for (String[] h : headers) {
            String pem = "-----BEGIN " + h[0] + "-----\n" + RSA_BODY + "\n-----END " + h[1] + "-----";
            out.add(secret("PRIVATE_KEY", "here it is:\n" + pem + "\nthanks", RSA_BODY.split("\n")[0],
                    RSA_BODY.split("\n")[1]));
            out.add(secret("PRIVATE_KEY", pem.replace('\n', ' '), RSA_BODY.split("\n")[0])); // shown in a title
            out.add(secret("PRIVATE_KEY", pem.replace("\n", "\r\n"), RSA_BODY.split("\n")[1])); // Windows line ends
            String cut = "-----BEGIN " + h[0] + "-----\n" + RSA_BODY.substring(0, 70);
            out.add(secret("PRIVATE_KEY", cut, RSA_BODY.substring(0, 60)));
        }
        out.add(secret("PRIVATE_KEY", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n"
                + "lQOYBF" + RSA_BODY.substring(6) + "\n=Xk9m\n-----END PGP PRIVATE KEY BLOCK-----", "Version: GnuPG v2",
                RSA_BODY.split("\n")[1]));
        out.add(secret("PRIVATE_KEY", "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n" + RSA_BODY + "\n"
                + "---- END SSH2 ENCRYPTED PRIVATE KEY ----", RSA_BODY.split("\n")[0]));
        out.add(secret("PRIVATE_KEY", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: alex@laptop\n"
                + "Public-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIOGxq\nPrivate-Lines: 1\n" + RSA_BODY.split("\n")[1]
                + "\nPrivate-MAC: 5f1c2d3e4a5b6c7d8e9f", RSA_BODY.split("\n")[1]));
        // a key's body typed or pasted line by line, each line its own typing visit: no header to anchor on
        for (String line : RSA_BODY.split("\n")) {
            out.add(secret("PRIVATE_KEY", line, line));
        }
        return out;
    }

    public static List<Labelled> commandLines() {
        List<Labelled> out = new ArrayList<>();
        String[][] cases = {
            {"export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3mP8aLk2", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ3mP8aLk2"},
            {"AWS_SESSION_TOKEN=FwoGZXIvYXdzEBYaDH7kq2 aws s3 ls", "FwoGZXIvYXdzEBYaDH7kq2"},
            {"PGPASSWORD=hunter22 psql -h db.internal -U app shop", "hunter22"},
            {"PGPASSWORD='Winter 2026!' pg_dump shop > shop.sql", "Winter 2026!"},
            {"$env:PGPASSWORD = \"Sommer2026\"; psql -U app", "Sommer2026"},
            {"set MYSQL_PWD=Fr1tz!Box", "Fr1tz!Box"},
            {"export DB_PASSWORD=correcthorse", "correcthorse"},
            {"GITHUB_TOKEN=Zx81Kq02Lm93Np74 gh pr list", "Zx81Kq02Lm93Np74"},
            {"mysql -u root -pS3cretPw! -h 10.0.0.5 shop", "S3cretPw!"},
            {"mysqldump -uroot -p'Tr0ub4dor&3' shop > shop.sql", "Tr0ub4dor&3"},
            {"mariadb -h db -u app -pkatze123", "katze123"},
            {"mysql --password=Zebra42 -u app", "Zebra42"},
            {"mysql --password Zebra42 -u app", "Zebra42"},
            {"mysqladmin -u root --password=\"Ga4 rten\" status", "Ga4 rten"},
            {"curl -u alice:Pa55word https://api.example.com/v1/me", "Pa55word"},
            {"curl --user 'bob:s3cr3t!' https://api.example.com", "s3cr3t!"},
            {"curl -sS -X POST -ualice:Pa55w0rd https://api.example.com", "Pa55w0rd"},
            {"sshpass -p 'hunter2' ssh admin@10.0.0.5", "hunter2"},
            {"sshpass -phunter22 scp backup.tgz admin@10.0.0.5:/srv", "hunter22"},
            {"docker login -u alex -p Dckr2026pass registry.example.com", "Dckr2026pass"},
            {"docker login --username alex --password Dckr2026pass", "Dckr2026pass"},
            {"redis-cli -h cache.internal -a R3d1sPass ping", "R3d1sPass"},
            {"ldapsearch -x -D cn=admin,dc=example,dc=com -w LdapPw2026 -b dc=example,dc=com", "LdapPw2026"},
            {"sqlcmd -S db01 -U sa -P 'Sql$erver1' -Q \"select 1\"", "Sql$erver1"},
            {"smbclient //fs01/share -U alex%Fileserver9", "Fileserver9"},
            {"xfreerdp /v:10.0.0.9 /u:admin /p:Rdp!Pass42", "Rdp!Pass42"},
            {"openssl pkcs12 -in cert.p12 -passin pass:P12secret -nodes", "P12secret"},
            {"mongosh \"mongodb://admin:M0ngoPw@1.2.3.4:27017/admin\"", "M0ngoPw"},
            {"psql postgres://:Tr0ub4dor@10.0.0.5/db", "Tr0ub4dor"},
            {"psql postgresql://app:Pg%40ss2026@[::1]:5432/shop", "Pg%40ss2026"},
            {"redis://:R3d1sPa55@10.1.2.3:6379/0", "R3d1sPa55"},
            {"jdbc:sqlserver://db;user=sa;password=Sql$erver1;encrypt=true", "Sql$erver1"},
            {"Server=10.0.0.5;Database=shop;User Id=sa;Password=Pa55word!;", "Pa55word!"},
            {"git clone https://alex:ghp_Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE2gU7@github.com/acme/app.git",
                "ghp_Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE2gU7"},
            {"curl -H 'Authorization: Bearer abc.def-ghi_jkl123456' https://api.example.com", "abc.def-ghi_jkl123456"},
            {"curl -H \"Authorization: Basic YWxpY2U6UGE1NXdvcmQ=\" https://api.example.com", "YWxpY2U6UGE1NXdvcmQ="},
            {"Authorization: token 9f8e7d6c5b4a3f2e", "9f8e7d6c5b4a3f2e"},
            {"curl -H 'X-Api-Key: 9f8e7d6c5b4a' https://api.example.com", "9f8e7d6c5b4a"},
            {"curl -H \"PRIVATE-TOKEN: glpat-x7Kp2Lm9Qw4Rt8Yz1Bn5\" https://gitlab.example.com/api/v4/projects",
                "glpat-x7Kp2Lm9Qw4Rt8Yz1Bn5"},
            {"http GET api.example.com X-Auth-Token:abcdef123456", "abcdef123456"},
            {"Cookie: sessionid=k2j1h9g8f7d6s5a4; csrftoken=Zx81Kq02", "sessionid=k2j1h9g8f7d6s5a4"},
            {"wget --http-password=Wg3tPass http://files.example.com/a.iso", "Wg3tPass"},
            {"az login -u alex@example.com -p AzurePw2026", "AzurePw2026"},
            {"az login --service-principal -u app --client-secret 7Q~abcDEF123 --tenant t", "7Q~abcDEF123"},
            {"vault login hvs.CAESIJ2r8Xk9mR2pL7qW4nB8vT1cY6zH3jF5", "CAESIJ2r8Xk9mR2pL7qW4nB8vT1cY6zH3jF5"},
            {"npm config set //registry.npmjs.org/:_authToken=npm_Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE2gU7",
                "npm_Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE2gU7"},
            {"kubectl create secret generic db --from-literal=password=Kub3Secret!", "Kub3Secret!"},
            {"htpasswd -b -c .htpasswd alex Apache2026pw", "Apache2026pw"},
            {"my reset code is Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE", "Xk9mR2pL7qW4nB8vT1cY6zH3jF5dS0aE"},
        };
        for (String[] c : cases) {
            out.add(secret("CLI_CREDENTIAL", c[0], c[1]));
        }
        return out;
    }

    public static List<Labelled> passwordsInText() {
        List<Labelled> out = new ArrayList<>();
        String[][] cases = {
            {"my password is Tr0ub4dor&3", "Tr0ub4dor&3"},
            {"Das Passwort ist Herbst2026!", "Herbst2026!"},
            {"Kennwort lautet Qx7-ab12", "Qx7-ab12"},
            {"mot de passe: Printemps42", "Printemps42"},
            {"contraseña: Verano2026", "Verano2026"},
            {"senha: Inverno#77", "Inverno#77"},
            {"wachtwoord = Zomer2026", "Zomer2026"},
            {"パスワード：Haru2026", "Haru2026"},
            {"密码：Dongtian88", "Dongtian88"},
            {"пароль: Zima2026", "Zima2026"},
            {"hasło: Wiosna2026", "Wiosna2026"},
            {"PIN: 4471", "4471"},
            {"wifi pw is Kaffee2026", "Kaffee2026"},
            {"new passphrase is correct-horse-battery-9", "correct-horse-battery-9"},
        };
        for (String[] c : cases) {
            out.add(secret("PASSWORD_IN_TEXT", c[0], c[1]));
        }
        return out;
    }

    public static List<Labelled> urls() {
        List<Labelled> out = new ArrayList<>();
        String[][] cases = {
            {"https://alex:p%40ss%3Aword@git.example.com/repo.git", "p@ss:word", "p%40ss%3Aword"},
            {"https://alex:p%2540ss@git.example.com/", "p%40ss", "p@ss"},
            {"https://:Tr0ub4dor@10.0.0.5/db", "Tr0ub4dor"},
            {"https://alex%40example.com:Hunter22@mail.example.com/", "Hunter22", "alex@example.com"},
            {"ftp://anon:guest%2Fpw@192.168.1.20/pub", "guest/pw", "guest%2Fpw"},
            {"https://accounts.example.com/reset-password/8f3KqL2mZx9Wv4Nb7Tc1Yd6Re0", "8f3KqL2mZx9Wv4Nb7Tc1Yd6Re0"},
            {"https://app.example.com/auth/magic/9c1e4b7a2f6d8e3b5a0c9f1e", "9c1e4b7a2f6d8e3b5a0c9f1e"},
            {"https://shop.example.com/reset/MTA0Mg/c8k2j1-9f7e5d3c1b0a8f6e4d2c0b9a7f5e/", "c8k2j1-9f7e5d3c1b0a8f6e4d2c0b9a7f5e"},
            {"https://app.slack.com/t/acme/login/z-app-1234567890-9876543210987-3f9a2c1e8b7d",
                "z-app-1234567890-9876543210987-3f9a2c1e8b7d"},
            {"https://example.com/invite/6f1c9a2e-4b7d-4e3a-9c1f-2d8e5b7a0c3f", "6f1c9a2e-4b7d-4e3a-9c1f-2d8e5b7a0c3f"},
            {"https://id.example.com/verify/email/A1b2C3d4E5f6G7h8", "A1b2C3d4E5f6G7h8"},
            {"https://bucket.s3.amazonaws.com/report.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
                + "AKIAZ5XQ3M7PLK2RT9WB%2F20261201%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20261201T101500Z"
                + "&X-Amz-Expires=3600&X-Amz-Signature=5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d",
                "AKIAZ5XQ3M7PLK2RT9WB", "5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d"},
            {"https://storage.googleapis.com/bkt/obj.csv?GoogleAccessId=svc-42%40proj.iam.gserviceaccount.com"
                + "&Expires=1764403200&Signature=Xk9mR2pL7qW4nB8vT1cY%2B6zH3jF5dS0aE%3D", "svc-42@proj.iam.gserviceaccount.com",
                "Xk9mR2pL7qW4nB8vT1cY+6zH3jF5dS0aE="},
            {"https://acct.blob.core.windows.net/c/b.txt?sv=2024-11-04&se=2026-12-02&sr=b&sp=r&sig=Xk9mR2pL7qW4nB8vT1cY6zH3%3D",
                "Xk9mR2pL7qW4nB8vT1cY6zH3="},
            {"https://d111111abcdef8.cloudfront.net/v.mp4?Expires=1764403200&Signature=Zk2Lq-9xYv~Wm3Np7Rt1&Key-Pair-Id=K2JCJMDEHXQW5F",
                "Zk2Lq-9xYv~Wm3Np7Rt1", "K2JCJMDEHXQW5F"},
            {"https://example.com/verify?Xk9mR2pL7qW4nB8vT1cY6z", "Xk9mR2pL7qW4nB8vT1cY6z"},
            {"https://files.example.com/dl?f=Xk9mR2pL7qW4nB8vT1cY6zH3&name=report.pdf", "Xk9mR2pL7qW4nB8vT1cY6zH3"},
            {"https://app.example.com/cb#access_token=ya29.a0AfH6SMBx9k&token_type=bearer&expires_in=3599", "ya29.a0AfH6SMBx9k"},
            {"https://login.example.com/?next=https%3A%2F%2Fapp.example.com%2Fcb%3Fcode%3DSplxlOBeZQQ%26state%3Dxyz",
                "SplxlOBeZQQ"},
            {"https://x.example.com/?password=ab%26cd%3Def", "ab&cd=ef", "ab%26cd%3Def"},
            {"https://crm.example.com/contacts/jane.doe%40example.org/edit", "jane.doe@example.org"},
            {"https://pay.example.com/confirm?card=4111+1111+1111+1111&amount=12", "4111 1111 1111 1111"},
            {"https://docs.google.com/document/d/1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ8/edit", "1aBcD2eFgH3iJkL4mNoP5qRsT6uVwX7yZ8"},
            {"https://hooks.slack.com/services/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", "Xk9mR2pL7qW4nB8vT1cY6zH3"},
            {"https://api.example.com/v1/items;jsessionid=1A2B3C4D5E6F7A8B?x=1", "1A2B3C4D5E6F7A8B"},
        };
        for (String[] c : cases) {
            out.add(urlSecret("URL_CREDENTIAL", c[0], java.util.Arrays.copyOfRange(c, 1, c.length)));
        }
        return out;
    }

    public static List<Labelled> lookAlikes() {
        List<Labelled> out = new ArrayList<>();
        for (String s : new String[] {"ssh -p 2222 alex@build-01", "mysql -u root -p shop",
            "mysql -h db.internal -P 3306 -u app -p", "docker run -p 8080:80 nginx:1.27",
            "docker run -u 1000:1000 -v /data:/data alpine:3.20", "git push -u origin feature/login-page",
            "kubectl port-forward svc/api 8080:80 -n prod", "scp -P 2222 build.tar.gz deploy@10.0.0.5:/srv",
            "ls -la /usr/lib/x86_64-linux-gnu/", "tar -xzf flink-2.2.0-bin-scala_2.12.tgz",
            "psql -h 10.0.0.5 -U app -W shop", "grep -rn password src/", "passwd alex", "sudo systemctl restart nginx",
            "python -m pip install requests==2.32.3", "export PATH=$PATH:/usr/local/go/bin",
            "export PGPASSWORD=$DB_PASSWORD", "echo $TOKEN | docker login -u alex --password-stdin ghcr.io",
            "openssl rand -hex 32", "npm run build -- --mode=production",
            "java -jar bench/target/benchmarks.jar RedactionTextBenchmark -f 1 -wi 2 -i 3",
            "mvn -o -q -B -pl pipeline -am test-compile", "docker compose -p myproject up -d",
            "redis-cli -h cache -p 6379 ping", "git clone git@github.com:acme/app.git",
            "npm install @angular/core@17.3.1", "ssh-keygen -t ed25519 -C alex-laptop",
            "kubectl get pods -l app=api-7d9f8b6c5", "curl -u alex https://api.example.com",
            "gpg --export-secret-keys --armor alex > backup.asc", "sshpass -f ~/.pw ssh host"}) {
            out.add(lookAlike("TERMINAL_COMMAND", s));
        }
        for (String s : new String[] {"Order #112-4456789-1234567 shipped", "PO-2026-004471", "Invoice INV-20261127-0042",
            "ticket 4471", "order 1234 5678 9012 3456", "Tracking 1Z999AA10123456784", "Bestellnummer 302-1187-5521",
            "Commande n° 2026-11-0042", "注文番号 250-1234567-8901234", "ref 536221234", "case 00451234 opened"}) {
            out.add(lookAlike("ORDER_NUMBER", s));
        }
        for (String s : new String[] {"v1.4.2", "requests 2.32.3", "Flink 2.2.0", "kernel 6.8.0-49-generic",
            "Chrome 131.0.6778.86", "build 20261127.3", "iOS 18.1.1 (22B91)", "Version 10.0.22631.4460",
            "jdk-17.0.13+11"}) {
            out.add(lookAlike("VERSION", s));
        }
        for (String s : new String[] {"2026-11-27", "27.11.2026", "11/27/2026", "2026-11-27T10:30:00Z",
            "1764403200000000", "Tue Dec  1 09:46:02 UTC 2026", "am 27. November 2026 um 14:30", "2026年11月27日"}) {
            out.add(lookAlike("DATE", s));
        }
        for (String s : new String[] {"3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f", "commit 3f9a2c1",
            "sha256:5f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d",
            "git cherry-pick 3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f", "md5 d41d8cd98f00b204e9800998ecf8427e"}) {
            out.add(lookAlike("HASH", s));
        }
        for (String s : new String[] {"request 550e8400-e29b-41d4-a716-446655440000 failed",
            "trace_id=4bf92f3577b34da6a3ce929d0e0e4736"}) {
            out.add(lookAlike("UUID", s));
        }
        for (String s : new String[] {"We shipped version 1.4.2 yesterday; no regressions so far, see ticket 4471.",
            "Q3 revenue grew 12% to $1,234,567", "Meet in room 4B at 14:30, call ext. 4471",
            "The population was 83,200,000 in 2023", "Zimmer 12, 3. Stock", "価格は1,980円です", "Temperature 21.5°C",
            "ISBN 978-3-16-148410-0", "ISO 9001 certified", "Flight LH 2042 leaves at 07:15 from gate B22",
            "IP 192.168.100.200 is down", "PLZ 10115 Berlin", "Error 0x80070005 (access denied)"}) {
            out.add(lookAlike("PROSE_NUMBERS", s));
        }
        for (String s : new String[] {"Did you reset your password yet?", "Das Passwort ist abgelaufen, bitte neues setzen",
            "le mot de passe est trop court", "password manager rollout next week", "Password:", "Forgot password?",
            "token bucket rate limiting", "the secret sauce is caching", "API key rotation policy",
            "Enter your PIN", "パスワードを忘れた場合", "set a strong passphrase", "Authorization required",
            "use --password to pass it on the command line", "the password is wrong", "my password is too short",
            "Password is required", "le mot de passe est incorrect", "PIN-Eingabe erforderlich",
            "keep the pin for the meeting", "Passwort ist 8 Zeichen lang", "the passcode is sent by SMS"}) {
            out.add(lookAlike("WORD_PASSWORD", s));
        }
        for (String s : new String[] {"@alex ping me", "Mention @team in #general", "user@localhost", "foo@bar",
            "docker pull nginx@sha256:abc"}) {
            out.add(lookAlike("EMAIL_LIKE", s));
        }
        String[][] urls = {
            {"https://docs.example.com/search?q=flink%20watermarks", "https://docs.example.com/search?q=flink watermarks"},
            {"https://github.com/apache/flink/pull/25631", null},
            {"https://www.example.com/blog/how-to-reset-your-password-in-2026", null},
            {"https://shop.example.com/p/running-shoes-42?color=blue&size=42", null},
            {"https://maps.example.com/@52.5200,13.4050,15z", null},
            {"https://app.example.com/orders/550e8400-e29b-41d4-a716-446655440000/edit", null},
            {"https://www.youtube.com/watch?v=dQw4w9WgXcQ", null},
            {"https://en.wikipedia.org/wiki/ISO_8601", null},
            {"https://github.com/acme/app/blob/3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f/README.md", null},
            {"https://github.com/acme/app/commit/3f9a2c1e8b7d6f5a4e3d2c1b0a9f8e7d6c5b4a3f", null},
            {"https://example.com/?utm_source=newsletter&utm_campaign=spring_sale_2026", null},
            {"https://calendar.example.com/event?id=20261127T103000Z", null},
            {"https://jira.example.com/browse/PROJ-4471", null},
            {"https://accounts.example.com/login?continue=https%3A%2F%2Fmail.example.com%2Finbox",
                "https://accounts.example.com/login?continue=https://mail.example.com/inbox"},
            {"https://api.example.com/v2/users/1042/orders?page=3&per_page=50", null},
            {"https://cdn2.example.com/v1/assets/app-3f9a2c.js", null},
            {"http://localhost:8080/api/health", null},
            {"https://www.amazon.de/gp/your-account/order-details?orderID=302-1187-5521", null},
        };
        for (String[] u : urls) {
            out.add(urlLookAlike("URL", u[0], u[1] == null ? u[0] : u[1]));
        }
        return out;
    }

    /** What the detectors do not find, measured and reported, not asserted: the honest limits. */
    public static List<Labelled> notDetected() {
        return List.of(
                secret("NAME", "Lunch with Maria Schneider at noon", "Maria Schneider"),
                secret("NAME", "Dear Mr. Tanaka Hiroshi,", "Tanaka Hiroshi"),
                secret("ADDRESS", "I live at 221B Baker Street, London NW1 6XE", "221B Baker Street"),
                secret("FREE_TEXT", "my diagnosis came back: type 2 diabetes", "type 2 diabetes"),
                secret("FREE_TEXT", "the door code is 4471", "4471"),
                secret("FREE_TEXT", "pw is hunter2", "hunter2"),
                secret("SSN_UNLABELLED", "ref 536221234", "536221234"),
                secret("DATE_OF_BIRTH", "born 1985-03-14", "1985-03-14"));
    }

    private static int indexOf(int zero) {
        for (int i = 0; i < DIGIT_ZEROS.length; i++) {
            if (DIGIT_ZEROS[i] == zero) {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }

    private static String toFullWidth(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c == ' ' ? '\u3000' : c > ' ' && c < 127 ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return sb.toString();
    }
}
