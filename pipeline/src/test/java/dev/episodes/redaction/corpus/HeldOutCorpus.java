package dev.episodes.redaction.corpus;

import static dev.episodes.redaction.corpus.Labelled.lookAlike;
import static dev.episodes.redaction.corpus.Labelled.secret;
import static dev.episodes.redaction.corpus.Labelled.urlLookAlike;
import static dev.episodes.redaction.corpus.Labelled.urlSecret;

import java.util.List;

/**
 * Written after the detectors and run once, never tuned on: its figures are reported, not asserted, as
 * an estimate of how the adversarial corpus's 100% travels to strings nobody shaped the rules for.
 */
public final class HeldOutCorpus {
    private HeldOutCorpus() {}

    public static List<Labelled> positives() {
        return List.of(
                secret("HELD_OUT", "Visa: 4000 0566 5566 5556 exp 04/29 cvc 123", "4000 0566 5566 5556"),
                secret("HELD_OUT", "card no 5105-1051-0510-5100", "5105-1051-0510-5100"),
                secret("HELD_OUT", "Amex ３７１４ ４９６３５３ ９８４３１", "３７１４ ４９６３５３ ９８４３１"),
                secret("HELD_OUT", "4242424242424242", "4242424242424242"),
                secret("HELD_OUT", "Kontonummer: DE44 5001 0517 5407 3249 31", "DE44 5001 0517 5407 3249 31"),
                secret("HELD_OUT", "IBAN:GB33BUKB20201555555555", "GB33BUKB20201555555555"),
                secret("HELD_OUT", "SE45 5000 0000 0583 9825 7466", "SE45 5000 0000 0583 9825 7466"),
                secret("HELD_OUT", "SSN is 123-45-6788", "123-45-6788"),
                secret("HELD_OUT", "Social Security #: 401 88 2231", "401 88 2231"),
                secret("HELD_OUT", "ssn 401882231 pls", "401882231"),
                secret("HELD_OUT", "ping maria.lopez@empresa.com.mx", "maria.lopez@empresa.com.mx"),
                secret("HELD_OUT", "<bob_smith99@mail.example.net>", "bob_smith99@mail.example.net"),
                secret("HELD_OUT", "François.Dupont@société.fr", "François.Dupont@société.fr"),
                secret("HELD_OUT", "contact: hr [at] example.com", "hr [at] example.com"),
                secret("HELD_OUT", "call me at 212-555-0187", "212-555-0187"),
                secret("HELD_OUT", "Tel +33 6 12 34 56 78", "+33 6 12 34 56 78"),
                secret("HELD_OUT", "Mobil: +49 (0) 171 1234567", "171 1234567"),
                secret("HELD_OUT", "+81 90-1234-5678", "90-1234-5678"),
                secret("HELD_OUT", "export OPENAI_API_KEY=sk-proj-abcDEF123ghiJKL456mnoPQR789", "sk-proj-abcDEF123ghiJKL456mnoPQR789"),
                secret("HELD_OUT", "heroku config:set SECRET_KEY_BASE=9f8e7d6c5b4a39f8e7d6c5b4a3", "9f8e7d6c5b4a39f8e7d6c5b4a3"),
                secret("HELD_OUT", "mysql -uadmin -pPassw0rd123 -e 'show databases'", "Passw0rd123"),
                secret("HELD_OUT", "psql \"host=10.2.3.4 user=app password=Sup3r!Secret dbname=shop\"", "Sup3r!Secret"),
                secret("HELD_OUT", "ssh-add - <<< \"$(echo 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ')\"",
                        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"),
                secret("HELD_OUT", "token: xoxp-2048-1024-9999-abcdef0123456789abcdef01", "xoxp-2048-1024-9999-abcdef0123456789abcdef01"),
                secret("HELD_OUT", "client_secret\": \"GOCSPX-Xk9mR2pL7qW4nB8vT1cY6zH3jF\"", "GOCSPX-Xk9mR2pL7qW4nB8vT1cY6zH3jF"),
                secret("HELD_OUT", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
                        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW"),
                secret("HELD_OUT", "rclone config: pass = Zq7!mK2#pL", "Zq7!mK2#pL"),
                secret("HELD_OUT", "wifi password is Sunshine2026", "Sunshine2026"),
                secret("HELD_OUT", "Passwort: Sommer2026!", "Sommer2026!"),
                secret("HELD_OUT", "mot de passe : Soleil2026", "Soleil2026"),
                urlSecret("HELD_OUT", "https://dev.azure.com/org/_apis?api-version=7.1&pat=Xk9mR2pL7qW4nB8vT1cY6zH3jF5d", "Xk9mR2pL7qW4nB8vT1cY6zH3jF5d"),
                urlSecret("HELD_OUT", "https://app.example.com/#/auth/callback?id_token=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"),
                urlSecret("HELD_OUT", "https://www.dropbox.com/scl/fi/k2j1h9g8f7d6s5a4q3w2e/report.pdf?rlkey=x7kp2lm9qw4rt8yz1bn5cv6&dl=0", "x7kp2lm9qw4rt8yz1bn5cv6"),
                urlSecret("HELD_OUT", "https://zoom.us/j/91234567890?pwd=aBcDeFgHiJkLmNoPqRsTuVwXyZ12", "aBcDeFgHiJkLmNoPqRsTuVwXyZ12"),
                urlSecret("HELD_OUT", "https://example.com/unsubscribe/3q2+7w==/Zm9vYmFyYmF6cXV4MTIzNDU2", "Zm9vYmFyYmF6cXV4MTIzNDU2"),
                urlSecret("HELD_OUT", "smb://alex:Fileserver9@fs01/share", "Fileserver9"),
                urlSecret("HELD_OUT", "https://user:pa%3Bss%2Fword@host.example.com", "pa;ss/word"));
    }

    public static List<Labelled> lookAlikes() {
        return List.of(
                lookAlike("HELD_OUT", "git rebase -i HEAD~3"),
                lookAlike("HELD_OUT", "ffmpeg -i in.mp4 -vf scale=1280:720 -c:v libx264 -crf 23 out.mp4"),
                lookAlike("HELD_OUT", "rsync -avz -e 'ssh -p 2222' ./dist/ deploy@web01:/var/www/"),
                lookAlike("HELD_OUT", "pg_restore -h localhost -p 5432 -U app -d shop shop.dump"),
                lookAlike("HELD_OUT", "terraform apply -var-file=prod.tfvars -auto-approve"),
                lookAlike("HELD_OUT", "aws s3 cp s3://my-bucket/2026/11/27/report.csv ."),
                lookAlike("HELD_OUT", "kubectl logs api-5f7d9c8b6d-x2kq9 -c app --since=1h"),
                lookAlike("HELD_OUT", "npm i lodash@4.17.21 --save-exact"),
                lookAlike("HELD_OUT", "Your order 403-7281934-5562718 has shipped"),
                lookAlike("HELD_OUT", "Rechnung Nr. 2026/11/0815 vom 27.11.2026"),
                lookAlike("HELD_OUT", "Ticket #INC0012345 assigned to you"),
                lookAlike("HELD_OUT", "Meeting ID: 912 3456 7890"),
                lookAlike("HELD_OUT", "Build #4471 passed in 12m 34s"),
                lookAlike("HELD_OUT", "node v20.11.1, npm 10.2.4"),
                lookAlike("HELD_OUT", "Python 3.12.7 (main, Oct  1 2024, 08:52:12)"),
                lookAlike("HELD_OUT", "merged 9fceb02d0ae598e95dc970b74767f19372d61af8 into main"),
                lookAlike("HELD_OUT", "image: ghcr.io/acme/api:sha-3f9a2c1"),
                lookAlike("HELD_OUT", "The meeting is at 10:30 on 2026-12-03, room 4.12"),
                lookAlike("HELD_OUT", "Total: 1 234,56 € inkl. MwSt."),
                lookAlike("HELD_OUT", "We need 3,500 units by Q2 2027"),
                lookAlike("HELD_OUT", "I changed my password yesterday, all good"),
                lookAlike("HELD_OUT", "Please rotate the API keys before Friday"),
                lookAlike("HELD_OUT", "Token expired, please log in again"),
                lookAlike("HELD_OUT", "Passwort vergessen?"),
                lookAlike("HELD_OUT", "ExampleCorpDashboardController2026"),
                lookAlike("HELD_OUT", "com.example.app.ui.settings.AccountSettingsFragment"),
                urlLookAlike("HELD_OUT", "https://stackoverflow.com/questions/12345678/how-to-reset-a-password-in-django", null),
                urlLookAlike("HELD_OUT", "https://www.google.com/search?q=flink+2.2+release+notes&hl=en",
                        "https://www.google.com/search?q=flink 2.2 release notes&hl=en"),
                urlLookAlike("HELD_OUT", "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure", null),
                urlLookAlike("HELD_OUT", "https://www.npmjs.com/package/@types/node/v/20.11.1", null),
                urlLookAlike("HELD_OUT", "https://mail.example.com/mail/u/0/#inbox/FMfcgzQXJWDsKmmPRLlFrTbJQNWLvqzK", null),
                urlLookAlike("HELD_OUT", "https://example.atlassian.net/wiki/spaces/ENG/pages/2293761/Onboarding", null));
    }
}
