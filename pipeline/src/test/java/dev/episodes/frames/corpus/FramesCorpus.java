package dev.episodes.frames.corpus;

import static dev.episodes.frames.FrameFailure.Reason.CORRUPT;
import static dev.episodes.frames.FrameFailure.Reason.MISSING;
import static dev.episodes.frames.FrameFailure.Reason.OVERSIZED;
import static dev.episodes.frames.FrameFailure.Reason.UNREADABLE;

import dev.episodes.frames.FrameFailure;
import dev.episodes.frames.corpus.FramesCase.Region;
import dev.episodes.frames.corpus.FramesCase.Shot;
import dev.episodes.frames.corpus.Recorder.El;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hand-written adversarial frames corpus: screenshots from other platforms and recorders than the
 * generator's (Retina, Windows at 150 %, a Linux virtual desktop of two monitors, a password manager's
 * popup, a terminal's sudo, Cyrillic and IME typing), other image encodings (JPEG, grayscale, palette,
 * alpha), references that cannot be read (missing, truncated, not an image, empty, a decompression
 * bomb's header, a relative path) or need decoding (spaces, percent signs), and timing the generator
 * never makes (context events out of order, a secret typed just before a window switch, one screenshot
 * URI reused across steps and episodes). {@link #write} writes {@code events.jsonl} (every case, one
 * user and device each) and the images under one folder, and returns the cases with their truth.
 */
public final class FramesCorpus {
    public static final String EVENTS = "events.jsonl";
    static final long START_US = 1_795_770_000_000_000L; // 2026-11-27T07:00Z
    private static final Font SERIF = new Font(Font.SERIF, Font.PLAIN, 15);
    private static final Font SANS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font MONO = new Font(Font.MONOSPACED, Font.PLAIN, 14);
    private static final Color DARK = new Color(0x1E1E1E);
    private static final Color PANEL = new Color(0x2D2D30);
    private static final Color INK = new Color(0xE8E8E8);
    private static final Color EDGE = new Color(0x6E6E73);

    private FramesCorpus() {}

    public static List<FramesCase> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        List<FramesCase> cases = new ArrayList<>();
        int[] n = {0};
        Builder b = new Builder(dir, lines, n);
        cases.add(retina(b.next("macos-retina")));
        cases.add(windows150(b.next("windows-150-percent")));
        cases.add(secondMonitor(b.next("linux-second-monitor")));
        cases.add(passwordManagerPopup(b.next("password-manager-popup")));
        cases.add(terminalSudo(b.next("terminal-sudo")));
        cases.add(cyrillicEmail(b.next("cyrillic-email")));
        cases.add(imeCard(b.next("ime-card")));
        for (String format : List.of("jpeg", "gray-png", "palette-png", "alpha-png")) {
            cases.add(format(b.next("format-" + format), format));
        }
        cases.addAll(pathological(b));
        cases.add(outOfOrder(b.next("contexts-out-of-order")));
        cases.add(secretBeforeSwitch(b.next("secret-before-window-switch")));
        cases.add(reusedUri(b.next("reused-uri")));
        Files.write(dir.resolve(EVENTS), lines, StandardCharsets.UTF_8);
        return cases;
    }

    /** Per case: its recorder, its folder, and the shots it collects. */
    static final class Builder {
        final Path dir;
        final List<String> lines;
        final int[] n;
        String name;
        Recorder rec;
        Path folder;

        Builder(Path dir, List<String> lines, int[] n) {
            this.dir = dir;
            this.lines = lines;
            this.n = n;
        }

        Builder next(String caseName) {
            n[0]++;
            name = caseName;
            rec = new Recorder("u-fc" + n[0], "d-fc" + n[0], START_US + n[0] * 3_600_000_000L, lines);
            folder = dir.resolve(caseName);
            return this;
        }

        Path file(String fileName) {
            return folder.resolve(fileName);
        }

        FramesCase done(String why, List<Shot> shots) {
            return new FramesCase(name, why, rec.user, rec.device, shots);
        }
    }

    static String uri(Path p) {
        return p.toAbsolutePath().toUri().toString();
    }

    static Shot shot(Path file, String format, Canvas c, List<Long> at, List<Region> mask, List<Region> keep) {
        c.save(file, format);
        return new Shot(uri(file), file, format, c.imageW, c.imageH, c.screenW, c.screenH, at, mask, keep, Set.of());
    }

    /** macOS: a logical 1512x982 screen recorded at 3024x1964; email typed, then the secure password field. */
    static FramesCase retina(Builder b) {
        Recorder r = b.rec;
        El email = new El("AXTextField", "Email or Phone Number", false, 556, 300, 400, 36);
        El pass = new El("AXSecureTextField", "Password", true, 556, 350, 400, 36);
        String app = "Safari";
        String title = "Sign In - Apple Account";
        String url = "https://account.apple.com/sign-in";
        Path f1 = b.file("1.png");
        long t1 = r.context(app, title, url, email, uri(f1), 1512, 982);
        Canvas c1 = macWindow(title);
        c1.field(email, PANEL, EDGE).field(pass, PANEL, EDGE);
        Region clock1 = c1.inward(1380, 2, 120, 20, "menu bar clock");
        c1.text("Fri 27 Nov 08:00", 1385, 17, SANS, INK, "clock");
        Shot s1 = shot(f1, "png", c1, List.of(t1), List.of(), List.of(clock1));
        String address = "zoë.keller@icloud.com";
        r.type(address);
        Path f2 = b.file("2.png");
        long t2 = r.context(app, title, url, pass, uri(f2), 1512, 982);
        Canvas c2 = macWindow(title);
        c2.field(email, PANEL, EDGE).field(pass, PANEL, new Color(0x0A84FF));
        Region typed = c2.text(address, email.x() + 8, email.y() + 24, SERIF, INK, "EMAIL");
        c2.text("Fri 27 Nov 08:00", 1385, 17, SANS, INK, "clock");
        Shot s2 = shot(f2, "png", c2, List.of(t2), List.of(typed, c2.bounds(pass, "secure_field")),
                List.of(c2.inward(1380, 2, 120, 20, "menu bar clock")));
        r.type("correct horse battery");
        r.click(700, 420);
        r.named("Enter");
        return b.done("Retina: images twice the logical screen, masks scale by image/screen", List.of(s1, s2));
    }

    private static Canvas macWindow(String title) {
        Canvas c = new Canvas(1512, 982, 3024, 1964, false);
        c.fill(new Color(0x3A2E5C), 0, 0, 1512, 982).fill(DARK, 0, 0, 1512, 24);
        c.fill(PANEL, 300, 120, 912, 600).fill(new Color(0x3C3C3C), 300, 120, 912, 28);
        c.text(title, 620, 139, SANS, INK, "title");
        return c;
    }

    /** Windows at 150 %: a 1707x960 logical desktop in a 2560x1440 image, fields at odd coordinates. */
    static FramesCase windows150(Builder b) {
        Recorder r = b.rec;
        El card = new El("edit", "Kartennummer", false, 333, 217, 301, 27);
        El cvc = new El("edit", "Prüfnummer (CVC)", false, 333, 261, 91, 27);
        String title = "Kasse – shop.example.de – Microsoft Edge";
        String url = "https://shop.example.de/kasse";
        r.context("Microsoft Edge", title, url, card, null, 1707, 960);
        String number = "4111 1111 1111 1111";
        r.type(number);
        Path f = b.file("kasse.png");
        long t = r.context("Microsoft Edge", title, url, cvc, uri(f), 1707, 960);
        Canvas c = new Canvas(1707, 960, 2560, 1440, false);
        c.fill(new Color(0xF3F3F3), 0, 0, 1707, 960).fill(new Color(0x202020), 0, 912, 1707, 48);
        c.field(card, Color.WHITE, EDGE).field(cvc, Color.WHITE, new Color(0x0067C0));
        Region typed = c.text(number, card.x() + 5, card.y() + 19, SANS, Color.BLACK, "CREDIT_CARD");
        c.text("Gesamt: 129,90 €", 333, 340, SERIF, Color.BLACK, "total");
        r.click(370, 275);
        return b.done("fractional scale 1.4997 x 1.5: masks rounded outward",
                List.of(shot(f, "png", c, List.of(t), List.of(typed), List.of(c.inward(333, 322, 200, 24, "total")))));
    }

    /** A 3840x1080 virtual desktop of two monitors; the browser on the right one. */
    static FramesCase secondMonitor(Builder b) {
        Recorder r = b.rec;
        El token = new El("entry", "Token value", false, 2400, 400, 520, 32);
        El create = new El("push button", "Create personal access token", false, 2400, 460, 240, 32);
        String title = "Access tokens · GitLab — Mozilla Firefox";
        String url = "https://gitlab.example.com/-/user_settings/personal_access_tokens";
        r.context("Firefox", title, url, token, null, 3840, 1080);
        String secret = "glpat-xR7bN2kQ9vLmT4pW8sYd";
        r.type(secret);
        Path f = b.file("desktop.png");
        long t = r.context("Firefox", title, url, create, uri(f), 3840, 1080);
        Canvas c = new Canvas(3840, 1080, 3840, 1080, false);
        c.fill(new Color(0x2B2B2B), 0, 0, 1920, 1080).fill(new Color(0xFAFAFA), 1920, 0, 1920, 1080);
        c.text("public static void main(String[] args) {", 80, 300, MONO, INK, "editor");
        c.field(token, Color.WHITE, EDGE).field(create, new Color(0x1F75CB), new Color(0x1F75CB));
        Region typed = c.text(secret, token.x() + 6, token.y() + 22, MONO, Color.BLACK, "SECRET");
        r.click(2500, 476);
        return b.done("element bounds past the first monitor's width",
                List.of(shot(f, "png", c, List.of(t), List.of(typed), List.of(c.inward(60, 280, 600, 30, "editor on monitor 1")))));
    }

    /** Chrome's password manager offers a saved login: the popup's accessible name holds the email. */
    static FramesCase passwordManagerPopup(Builder b) {
        Recorder r = b.rec;
        String saved = "maria.lopez@example.org";
        El user = new El("textbox", "Username", false, 760, 380, 400, 36);
        El popup = new El("listbox", "Use " + saved + " for bank.example.com", false, 760, 420, 420, 96);
        String title = "Online Banking - Sign in";
        String url = "https://bank.example.com/login";
        r.context("Google Chrome", title, url, user, null, 1920, 1080);
        Path f = b.file("popup.png");
        long t = r.context("Google Chrome", title, url, popup, uri(f), 1920, 1080);
        Canvas c = new Canvas(1920, 1080, 1920, 1080, false);
        c.fill(Color.WHITE, 0, 0, 1920, 1080).fill(new Color(0xDEE1E6), 0, 0, 1920, 80);
        c.field(user, Color.WHITE, EDGE).field(popup, new Color(0xF1F3F4), EDGE);
        Region name = c.text(saved, popup.x() + 44, popup.y() + 30, SANS, Color.BLACK, "EMAIL");
        c.text("\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022", popup.x() + 44, popup.y() + 52, SANS,
                new Color(0x5F6368), "saved password bullets");
        c.text("Manage passwords…", popup.x() + 44, popup.y() + 84, SANS, new Color(0x1A73E8), "link");
        c.text("Welcome to Online Banking", 760, 300, SERIF, Color.BLACK, "heading");
        r.click(900, 450);
        return b.done("a browser's own popup, its name (with the saved email) redacted: rule (c)",
                List.of(shot(f, "png", c, List.of(t), List.of(name), List.of(c.inward(760, 284, 200, 20, "heading")))));
    }

    /**
     * A terminal: sudo prompts (no echo), then sudo's cached credentials do not prompt and the password
     * typed anyway is echoed on the shell's next line, and again in bash's error.
     */
    static FramesCase terminalSudo(Builder b) {
        Recorder r = b.rec;
        El term = new El("terminal", "Terminal", false, 0, 37, 1920, 1003);
        String app = "gnome-terminal-server";
        Path f1 = b.file("prompt.png");
        long t1 = r.context(app, "alex@build: ~", null, term, uri(f1), 1920, 1080);
        Canvas c1 = terminal();
        c1.text("alex@build:~$ ", 8, 60, MONO, new Color(0x8AE234), "prompt");
        Shot s1 = shot(f1, "png", c1, List.of(t1), List.of(), List.of());
        String password = "Tr0ub4dor&3x";
        r.type("sudo apt update");
        r.named("Enter");
        r.type(password); // no echo
        r.named("Enter");
        r.type("sudo systemctl restart nginx");
        r.named("Enter");
        r.type(password); // no prompt came (cached): the shell echoes it
        r.named("Enter");
        Path f2 = b.file("echoed.png");
        long t2 = r.context(app, "alex@build: ~ — bash", null, term, uri(f2), 1920, 1080);
        Canvas c2 = terminal();
        Color green = new Color(0x8AE234);
        c2.text("alex@build:~$ sudo apt update", 8, 60, MONO, green, "line");
        c2.text("[sudo] password for alex: ", 8, 80, MONO, INK, "line");
        c2.text("Hit:1 http://deb.debian.org/debian bookworm InRelease", 8, 100, MONO, INK, "line");
        c2.text("alex@build:~$ sudo systemctl restart nginx", 8, 120, MONO, green, "line");
        double w = MONO.createGlyphVector(new java.awt.font.FontRenderContext(null, true, false), "alex@build:~$ ")
                .getLogicalBounds().getWidth();
        c2.text("alex@build:~$ ", 8, 140, MONO, green, "line");
        Region echoed = c2.text(password, 8 + w, 140, MONO, INK, "PASSWORD");
        double w2 = MONO.createGlyphVector(new java.awt.font.FontRenderContext(null, true, false), "bash: ")
                .getLogicalBounds().getWidth();
        c2.text("bash: ", 8, 160, MONO, INK, "line");
        Region error = c2.text(password, 8 + w2, 160, MONO, INK, "PASSWORD");
        double w3 = MONO.createGlyphVector(new java.awt.font.FontRenderContext(null, true, false), password)
                .getLogicalBounds().getWidth();
        c2.text(": command not found", 8 + w2 + w3, 160, MONO, INK, "line");
        r.click(400, 500);
        return b.done("a secret typed into a terminal after sudo, on screen because sudo did not ask",
                List.of(s1, shot(f2, "png", c2, List.of(t2), List.of(echoed, error), List.of())));
    }

    private static Canvas terminal() {
        Canvas c = new Canvas(1920, 1080, 1920, 1080, false);
        c.fill(new Color(0x300A24), 0, 0, 1920, 1080).fill(new Color(0x3D3D3D), 0, 0, 1920, 37);
        c.text("alex@build: ~", 880, 24, SANS, INK, "title");
        return c;
    }

    /** Russian layout (ЙЦУКЕН: key и, code KeyB) typing an internationalised email into a form. */
    static FramesCase cyrillicEmail(Builder b) {
        Recorder r = b.rec;
        El mail = new El("textbox", "Электронная почта", false, 500, 300, 480, 34);
        El phone = new El("textbox", "Телефон", false, 500, 350, 480, 34);
        String title = "Регистрация — Яндекс Браузер";
        String url = "https://passport.example.ru/registration";
        r.context("Yandex", title, url, mail, null, 1920, 1080);
        String address = "иван.петров@пример.рф";
        r.type(address, Recorder::russianCode);
        Path f = b.file("form.png");
        long t = r.context("Yandex", title, url, phone, uri(f), 1920, 1080);
        Canvas c = new Canvas(1920, 1080, 1920, 1080, false);
        c.fill(new Color(0xFFFFFF), 0, 0, 1920, 1080);
        c.field(mail, Color.WHITE, EDGE).field(phone, Color.WHITE, new Color(0xFC3F1D));
        Region typed = c.text(address, mail.x() + 8, mail.y() + 23, SERIF, Color.BLACK, "EMAIL");
        c.text("Создайте Яндекс ID", 500, 250, SERIF, Color.BLACK, "heading");
        r.click(600, 367);
        return b.done("Cyrillic keys and an IDN email", List.of(shot(f, "png", c, List.of(t), List.of(typed),
                List.of(c.inward(500, 232, 150, 24, "heading")))));
    }

    /** A Japanese IME commits full-width digits: a card number in カード番号. */
    static FramesCase imeCard(Builder b) {
        Recorder r = b.rec;
        El card = new El("textbox", "カード番号", false, 500, 300, 480, 34);
        El name = new El("textbox", "名義人", false, 500, 350, 480, 34);
        String title = "お支払い - shop.example.jp";
        String url = "https://shop.example.jp/checkout";
        r.context("Google Chrome", title, url, card, null, 1920, 1080);
        String number = "４１１１　１１１１　１１１１　１１１１";
        for (int i = 0; i < number.length(); i++) { // composition: Process, then the committed character
            r.key(true, "Process", "Digit" + (i % 10));
            r.key(false, "Process", "Digit" + (i % 10));
            r.type(number.substring(i, i + 1), cp -> "Unidentified");
        }
        Path f = b.file("checkout.png");
        long t = r.context("Google Chrome", title, url, name, uri(f), 1920, 1080);
        Canvas c = new Canvas(1920, 1080, 1920, 1080, false);
        c.fill(Color.WHITE, 0, 0, 1920, 1080);
        c.field(card, Color.WHITE, EDGE).field(name, Color.WHITE, new Color(0x1A73E8));
        Region typed = c.text(number, card.x() + 8, card.y() + 23, SANS, Color.BLACK, "CREDIT_CARD");
        c.text("ご注文内容の確認", 500, 250, SANS, Color.BLACK, "heading");
        r.click(600, 367);
        return b.done("IME composition and full-width digits", List.of(shot(f, "png", c, List.of(t), List.of(typed),
                List.of(c.inward(500, 236, 100, 18, "heading")))));
    }

    /** The same sign-in in another encoding: JPEG, grayscale, palette, alpha. */
    static FramesCase format(Builder b, String format) {
        Recorder r = b.rec;
        El email = new El("textbox", "Email", false, 600, 380, 400, 40);
        El pass = new El("textbox", "Password", true, 600, 440, 400, 40);
        String title = "Sign in - intranet.example.com";
        String url = "https://intranet.example.com/login";
        r.context("Google Chrome", title, url, email, null, 1280, 800);
        String address = "noor.haddad@corp-example.com";
        r.type(address);
        Path f = b.file(format.equals("jpeg") ? "signin.jpg" : "signin.png");
        long t = r.context("Google Chrome", title, url, pass, uri(f), 1280, 800);
        Canvas c = new Canvas(1280, 800, 1280, 800, format.equals("alpha-png"));
        c.fill(new Color(0xECEFF1), 0, 0, 1280, 800);
        if (format.equals("alpha-png")) {
            c.clear(0, 700, 1280, 100); // a window capture: see-through below the window
        }
        c.field(email, Color.WHITE, EDGE).field(pass, Color.WHITE, new Color(0x1A73E8));
        Region typed = c.text(address, email.x() + 8, email.y() + 26, SANS, Color.BLACK, "EMAIL");
        c.text("Intranet", 600, 330, SERIF, Color.DARK_GRAY, "heading");
        Region secure = c.bounds(pass, "secure_field");
        List<Region> mask = format.equals("jpeg") ? List.of(Canvas.jpegBlocks(typed), secure) : List.of(typed, secure);
        r.click(700, 460);
        return b.done(format + ": decoded whatever the encoding", List.of(shot(f, format, c, List.of(t), mask,
                List.of(c.inward(592, 304, 112, 40, "heading")))));
    }

    /** References that cannot be read, or need decoding: each a context event and a click. */
    static List<FramesCase> pathological(Builder b) throws IOException {
        List<FramesCase> out = new ArrayList<>();
        byte[] good = goodPng();
        out.add(broken(b.next("ref-missing"), "no-such.png", null, "nothing at the URI", Set.of(MISSING)));
        out.add(broken(b.next("ref-truncated"), "cut.png", Arrays.copyOf(good, good.length / 2),
                "the upload was cut off", Set.of(CORRUPT)));
        out.add(broken(b.next("ref-text-named-png"), "notes.png",
                "this is not an image\n".getBytes(StandardCharsets.UTF_8), "a text file named .png", Set.of(CORRUPT)));
        out.add(broken(b.next("ref-zero-bytes"), "empty.png", new byte[0], "zero bytes", Set.of(CORRUPT, MISSING)));
        out.add(broken(b.next("ref-bomb-header"), "bomb.png", bombHeader(60_000, 60_000),
                "a PNG whose header claims 60000x60000: refused before decoding", Set.of(OVERSIZED)));

        Builder enc = b.next("ref-spaces-and-percent");
        Path odd = enc.folder.resolve("with space").resolve("100% done #1.png");
        Canvas c = new Canvas(800, 600, 800, 600, false);
        c.fill(new Color(0xFFF8E1), 0, 0, 800, 600);
        c.text("an ordinary screen", 100, 100, SERIF, Color.BLACK, "text");
        c.save(odd, "png");
        String ref = uri(odd); // spaces as %20, % as %25, # as %23
        long t = enc.rec.context("Preview", "100% done #1.png", null, new El("document", "Preview", false, 0, 0, 800, 600),
                ref, 800, 600);
        enc.rec.click(400, 300);
        out.add(enc.done("spaces, % and # in the path: the URI is percent-encoded and must be decoded once",
                List.of(new Shot(ref, odd, "png", 800, 600, 800, 600, List.of(t), List.of(),
                        List.of(c.inward(0, 150, 800, 450, "page")), Set.of()))));

        Builder rel = b.next("ref-relative");
        Path relFile = rel.folder.resolve("relative.png");
        Files.createDirectories(rel.folder);
        Files.write(relFile, good);
        String relRef = "ref-relative/relative.png"; // relative to what? never to the job's working directory
        long tr = rel.rec.context("Finder", "relative", null, new El("document", "Finder", false, 0, 0, 64, 48),
                relRef, 64, 48);
        rel.rec.click(10, 10);
        out.add(rel.done("a relative reference (no scheme): not resolvable, a failure, not a read from the cwd",
                List.of(new Shot(relRef, relFile, "png", 64, 48, 64, 48, List.of(tr), List.of(), List.of(),
                        Set.of(MISSING, UNREADABLE)))));
        return out;
    }

    private static FramesCase broken(Builder b, String fileName, byte[] bytes, String why,
            Set<FrameFailure.Reason> reasons) throws IOException {
        Path f = b.file(fileName);
        if (bytes != null) {
            Files.createDirectories(f.getParent());
            Files.write(f, bytes);
        }
        long t = b.rec.context("Google Chrome", "Dashboard", "https://intranet.example.com/home",
                new El("document", "Dashboard", false, 0, 80, 1280, 720), uri(f), 1280, 800);
        b.rec.click(640, 400);
        return b.done(why, List.of(new Shot(uri(f), bytes == null ? null : f, "broken", 0, 0, 1280, 800, List.of(t),
                List.of(), List.of(), reasons)));
    }

    private static byte[] goodPng() throws IOException {
        Canvas c = new Canvas(64, 48, 64, 48, false);
        c.fill(Color.ORANGE, 0, 0, 64, 48);
        Path tmp = Files.createTempFile("frames-corpus", ".png");
        try {
            c.save(tmp, "png");
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A valid PNG signature and IHDR claiming {@code w}x{@code h}, then a tiny IDAT: a decompression bomb's look. */
    static byte[] bombHeader(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, w);
        putInt(ihdr, 4, h);
        ihdr[8] = 8;
        ihdr[9] = 2;
        chunk(out, "IHDR", ihdr);
        Deflater d = new Deflater(9);
        d.setInput(new byte[1 << 16]); // zeros: would inflate to 10.8 GB of pixels if decoded in full
        d.finish();
        byte[] buf = new byte[1 << 12];
        int len = d.deflate(buf);
        d.end();
        chunk(out, "IDAT", Arrays.copyOf(buf, len));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] len = new byte[4];
        putInt(len, 0, data.length);
        out.writeBytes(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        byte[] c = new byte[4];
        putInt(c, 0, (int) crc.getValue());
        out.writeBytes(c);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** The secure focus's context event is written before the one it follows (times unchanged). */
    static FramesCase outOfOrder(Builder b) {
        Recorder r = b.rec;
        int from = r.lines.size();
        El user = new El("textbox", "Login", false, 600, 380, 400, 40);
        El pass = new El("textbox", "Passwort", true, 600, 440, 400, 40);
        String title = "Anmeldung - portal.example.de";
        String url = "https://portal.example.de/login";
        r.context("Firefox", title, url, user, null, 1920, 1080);
        String login = "k.schmidt@portal-example.de";
        r.type(login);
        Path f = b.file("anmeldung.png");
        long t = r.context("Firefox", title, url, pass, uri(f), 1920, 1080);
        Canvas c = new Canvas(1920, 1080, 1920, 1080, false);
        c.fill(new Color(0xF9F9FB), 0, 0, 1920, 1080);
        c.field(user, Color.WHITE, EDGE).field(pass, Color.WHITE, new Color(0x0060DF));
        Region typed = c.text(login, user.x() + 8, user.y() + 26, SERIF, Color.BLACK, "EMAIL");
        c.text("Kundenportal", 600, 330, SERIF, Color.BLACK, "heading");
        r.type("Sommer2026!");
        r.click(700, 460);
        // delivery: the second context line arrives first, the keys of the login after it
        List<String> mine = new ArrayList<>(r.lines.subList(from, r.lines.size()));
        r.lines.subList(from, r.lines.size()).clear();
        int second = -1;
        for (int i = 1; i < mine.size(); i++) {
            if (mine.get(i).contains("\"kind\":\"context\"")) {
                second = i;
            }
        }
        String late = mine.remove(second);
        mine.add(0, late);
        Collections.swap(mine, 1, 2);
        r.lines.addAll(mine);
        return b.done("context events delivered out of order: masks follow event time, not arrival",
                List.of(shot(f, "png", c, List.of(t), List.of(typed, c.bounds(pass, "secure_field")),
                        List.of(c.inward(600, 312, 120, 24, "heading")))));
    }

    /** An IBAN typed into a chat a few ms before an app switch; on screen when the chat comes back. */
    static FramesCase secretBeforeSwitch(Builder b) {
        Recorder r = b.rec;
        El message = new El("textbox", "Message Jordan", false, 320, 980, 1280, 56);
        El shell = new El("terminal", "Terminal", false, 0, 28, 1920, 1052);
        r.context("Microsoft Teams", "Chat | Jordan | Microsoft Teams", null, message, null, 1920, 1080);
        String iban = "DE89 3704 0044 0532 0130 00";
        r.type("my IBAN is " + iban);
        r.ts -= 140_000; // the switch came 10 ms after the last key went down
        Path away = b.file("terminal.png");
        long t1 = r.context("iTerm2", "zsh", null, shell, uri(away), 1920, 1080);
        Canvas ca = new Canvas(1920, 1080, 1920, 1080, false);
        ca.fill(Color.BLACK, 0, 0, 1920, 1080).text("~ % ls", 8, 50, MONO, INK, "prompt");
        Shot s1 = shot(away, "png", ca, List.of(t1), List.of(), List.of(ca.inward(0, 60, 1920, 900, "terminal")));
        r.pause(200);
        r.type("ls");
        r.named("Enter");
        r.pause(3_000);
        Path back = b.file("chat.png");
        long t2 = r.context("Microsoft Teams", "Chat | Jordan | Microsoft Teams", null, message, uri(back), 1920, 1080);
        Canvas cb = new Canvas(1920, 1080, 1920, 1080, false);
        cb.fill(new Color(0x292929), 0, 0, 1920, 1080).field(message, new Color(0x1F1F1F), new Color(0x7F85F5));
        double w = SANS.createGlyphVector(new java.awt.font.FontRenderContext(null, true, false), "my IBAN is ")
                .getLogicalBounds().getWidth();
        cb.text("my IBAN is ", message.x() + 12, message.y() + 34, SANS, INK, "text");
        Region typed = cb.text(iban, message.x() + 12 + w, message.y() + 34, SANS, INK, "IBAN");
        cb.text("Jordan: can you send the account details?", 320, 900, SANS, INK, "history");
        r.click(900, 1008);
        return b.done("a secret typed just before a window switch: masked when its window is back",
                List.of(s1, shot(back, "png", cb, List.of(t2), List.of(typed),
                        List.of(cb.inward(320, 880, 300, 28, "chat history")))));
    }

    /**
     * A recorder that stores a screen once and references it again while nothing changed: the same URI
     * on two steps of one episode and, after a break longer than a session gap, in the next episode.
     */
    static FramesCase reusedUri(Builder b) {
        Recorder r = b.rec;
        El email = new El("textbox", "E-mail", false, 600, 380, 400, 40);
        El remember = new El("checkbox", "Remember me", false, 600, 440, 20, 20);
        String title = "Log in - tickets.example.com";
        String url = "https://tickets.example.com/login";
        r.context("Google Chrome", title, url, email, null, 1920, 1080);
        String address = "lee.wong@corp-example.com";
        r.type(address);
        Path f = b.file("same.png");
        long t1 = r.context("Google Chrome", title, url, remember, uri(f), 1920, 1080);
        r.click(610, 450);
        long t2 = r.context("Google Chrome", title, url, email, uri(f), 1920, 1080);
        r.click(700, 400);
        r.pause(45 * 60_000); // a long break: a new episode
        long t3 = r.context("Google Chrome", title, url, new El("document", title, false, 0, 80, 1920, 1000), uri(f),
                1920, 1080);
        r.click(900, 700);
        Canvas c = new Canvas(1920, 1080, 1920, 1080, false);
        c.fill(Color.WHITE, 0, 0, 1920, 1080).field(email, Color.WHITE, EDGE).field(remember, Color.WHITE, EDGE);
        Region typed = c.text(address, email.x() + 8, email.y() + 26, SANS, Color.BLACK, "EMAIL");
        c.text("Support tickets", 600, 330, SERIF, Color.BLACK, "heading");
        return b.done("one URI on three steps across two episodes: every frame of it masked",
                List.of(shot(f, "png", c, List.of(t1, t2, t3), List.of(typed),
                        List.of(c.inward(600, 312, 120, 24, "heading")))));
    }
}
