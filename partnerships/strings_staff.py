"""The staff page's words in English and Danish (partnerships/i18n.py holds the rest and
looks them all up)."""

STAFF_STRINGS: dict[str, dict[str, str]] = {
    "page_manage": {"en": "Manage data", "da": "Redigér data"},
    "manage_title": {"en": "Keep the partner list", "da": "Vedligehold partnerlisten"},
    "manage_off": {
        "en": "Editing is off: no sign-in and no staff password are set. To let staff sign in with their own "
              "accounts, add an `[auth]` section and `staff_emails` or `staff_domains` to `.streamlit/secrets.toml` "
              "(see the README); or set a shared password, `admin_password` in `.streamlit/secrets.toml` or the "
              "environment variable `PARTNERS_ADMIN_PASSWORD`. Then restart the app.",
        "da": "Redigering er slået fra: der er hverken login eller personaleadgangskode. Lad personalet logge ind med "
              "deres egne konti ved at tilføje en `[auth]`-sektion og `staff_emails` eller `staff_domains` i "
              "`.streamlit/secrets.toml` (se README); eller sæt en fælles adgangskode, `admin_password` i "
              "`.streamlit/secrets.toml` eller miljøvariablen `PARTNERS_ADMIN_PASSWORD`. Genstart så appen.",
    },
    "log_in": {"en": "Log in", "da": "Log ind"},
    "log_in_with": {"en": "Log in with {provider}", "da": "Log ind med {provider}"},
    "log_in_help": {
        "en": "Staff log in with their own account to edit.",
        "da": "Personalet logger ind med deres egen konto for at redigere.",
    },
    "log_in_none": {
        "en": "Sign-in is set up without a provider: `[auth]` in the secrets needs `client_id`, `client_secret` and "
              "`server_metadata_url`, in `[auth]` itself or in an `[auth.NAME]` section (see the README).",
        "da": "Login er sat op uden en udbyder: `[auth]` i secrets skal have `client_id`, `client_secret` og "
              "`server_metadata_url`, i selve `[auth]` eller i en `[auth.NAVN]`-sektion (se README).",
    },
    "log_in_failed": {"en": "Log in is not possible: {reason}", "da": "Login er ikke muligt: {reason}"},
    "signed_in_as": {"en": "Signed in as {who}.", "da": "Logget ind som {who}."},
    "cannot_edit_not_listed": {
        "en": "{who} may not edit the partner list: the address is not among the staff allowed to. "
              "Ask whoever runs the app to add it, or log out and log in with another account.",
        "da": "{who} må ikke redigere partnerlisten: adressen er ikke blandt dem, der har lov. "
              "Bed den, der driver appen, om at tilføje den, eller log ud og log ind med en anden konto.",
    },
    "cannot_edit_unverified": {
        "en": "{who} may not edit the partner list: the sign-in did not say that this e-mail address is verified "
              "(`email_verified`; on Microsoft Entra ID the optional claim `xms_edov`, see the README).",
        "da": "{who} må ikke redigere partnerlisten: login oplyste ikke, at e-mailadressen er bekræftet "
              "(`email_verified`; på Microsoft Entra ID det valgfrie claim `xms_edov`, se README).",
    },
    "cannot_edit_no_email": {
        "en": "This account may not edit the partner list: the sign-in gave the app no e-mail address "
              "(ask for the scope `email`, see the README).",
        "da": "Denne konto må ikke redigere partnerlisten: login gav appen ingen e-mailadresse "
              "(bed om scope `email`, se README).",
    },
    "cannot_edit_no_list": {
        "en": "Nobody may edit yet: sign-in is set up, but no staff are listed. Add "
              "`staff_emails = [\"name@example.org\"]` or `staff_domains = [\"example.org\"]` to the secrets, above "
              "the `[auth]` section, and restart the app.",
        "da": "Ingen må redigere endnu: login er sat op, men intet personale er opført. Tilføj "
              "`staff_emails = [\"navn@example.org\"]` eller `staff_domains = [\"example.org\"]` i secrets, over "
              "`[auth]`-sektionen, og genstart appen.",
    },
    "log_in_again": {"en": "Log in again to go on editing.", "da": "Log ind igen for at redigere videre."},
    "password": {"en": "Staff password", "da": "Personaleadgangskode"},
    "unlock": {"en": "Unlock", "da": "Lås op"},
    "wrong_password": {"en": "That password is not right.", "da": "Adgangskoden er forkert."},
    "password_wait": {
        "en": "Too many wrong passwords. Try again in {n} second.|Too many wrong passwords. Try again in {n} seconds.",
        "da": "For mange forkerte adgangskoder. Prøv igen om {n} sekund.|For mange forkerte adgangskoder. "
              "Prøv igen om {n} sekunder.",
    },
    "password_not_checked": {
        "en": "The password you gave was not checked.", "da": "Den adgangskode, du gav, blev ikke kontrolleret.",
    },
    "log_out": {"en": "Log out", "da": "Log ud"},
    "logged_out": {"en": "Logged out: editing is locked.", "da": "Logget ud: redigering er låst."},
    "locked_idle": {
        "en": "Locked after {n} minute without activity.|Locked after {n} minutes without activity.",
        "da": "Låst efter {n} minut uden aktivitet.|Låst efter {n} minutter uden aktivitet.",
    },
    "tab_check": {"en": "Check", "da": "Kontrol"},
    "tab_edit": {"en": "Edit", "da": "Redigér"},
    "tab_upload": {"en": "Upload", "da": "Upload"},
    "tab_history": {"en": "History", "da": "Historik"},
    "tab_download": {"en": "Download", "da": "Download"},
    "file_ok": {"en": "{rows} partnerships, no problems.", "da": "{rows} partnerskaber, ingen fejl."},
    "file_no_errors": {"en": "{rows} partnerships, no errors.", "da": "{rows} partnerskaber, ingen fejl."},
    "file_problems": {  # errors only: the table under it lists warnings and notes too, and says so
        "en": "{errors} error(s) in {rows} row(s); those rows are left off the map.",
        "da": "{errors} fejl i {rows} række(r); de rækker vises ikke på kortet.",
    },
    "edit_help": {
        "en": "Edit cells, add rows at the bottom, or select rows and delete them. Row numbers are Excel's.",
        "da": "Redigér celler, tilføj rækker nederst, eller markér rækker og slet dem. Rækkenumrene er Excels.",
    },
    "upload_help": {
        "en": "A CSV file as Excel saves it (comma or semicolon, any Danish Excel variant).",
        "da": "En CSV-fil, som Excel gemmer den (komma eller semikolon, alle danske Excel-varianter).",
    },
    "no_changes": {"en": "No changes to save.", "da": "Ingen ændringer at gemme."},
    "preview": {"en": "Before you save", "da": "Før du gemmer"},
    "changes": {"en": "{added} added, {changed} changed, {removed} removed", "da": "{added} tilføjet, {changed} ændret, {removed} fjernet"},
    "changes_more": {"en": "… and {n:,} more, a page at a time:", "da": "… og {n:,} flere, en side ad gangen:"},
    "changes_page": {"en": "Page (of {pages:,})", "da": "Side (af {pages:,})"},
    "change_kind": {"en": "Change", "da": "Ændring"},
    "change_id": {"en": "Id", "da": "Id"},
    "kind_added": {"en": "Added", "da": "Tilføjet"},
    "kind_changed": {"en": "Changed", "da": "Ændret"},
    "kind_removed": {"en": "Removed", "da": "Fjernet"},
    "field": {"en": "Field", "da": "Felt"},
    "before": {"en": "Before", "da": "Før"},
    "after": {"en": "After", "da": "Efter"},
    "preview_map": {"en": "The map as it would look", "da": "Kortet, som det vil se ud"},
    "save": {"en": "Save", "da": "Gem"},
    "save_blocked": {
        "en": "Fix the problems above before saving; nothing has been changed.",
        "da": "Ret fejlene ovenfor, før du gemmer; intet er ændret.",
    },
    "saved": {
        "en": "Saved. The previous version is kept as {backup}. Everyone sees the new data on their next click.",
        "da": "Gemt. Den forrige version er gemt som {backup}. Alle ser de nye data ved næste klik.",
    },
    "reload": {"en": "Load the current file", "da": "Hent den nuværende fil"},
    "save_failed": {
        "en": "The file could not be saved ({reason}); nothing was changed.",
        "da": "Filen kunne ikke gemmes ({reason}); intet er ændret.",
    },
    "download_unsaved": {
        "en": "Download your unsaved version first",
        "da": "Download først din version, der ikke blev gemt",
    },
    "history_unreadable": {
        "en": "This version cannot be compared ({reason}); it can still be restored.",
        "da": "Denne version kan ikke sammenlignes ({reason}); den kan stadig gendannes.",
    },
    "history_empty": {"en": "No earlier versions yet.", "da": "Ingen tidligere versioner endnu."},
    "history_pick": {"en": "Earlier version", "da": "Tidligere version"},
    "history_diff": {"en": "From that version to the current file", "da": "Fra den version til den nuværende fil"},
    "history_kept": {
        "en": "The newest {keep} versions are kept, and one a day for {days} days; {n} version kept, {size}."
              "|The newest {keep} versions are kept, and one a day for {days} days; {n} versions kept, {size}.",
        "da": "De nyeste {keep} versioner gemmes, og én om dagen i {days} dage; {n} version gemt, {size}."
              "|De nyeste {keep} versioner gemmes, og én om dagen i {days} dage; {n} versioner gemt, {size}.",
    },
    "history_kept_all": {
        "en": "{reason} Until that is fixed no version is deleted; {n} version kept, {size}."
              "|{reason} Until that is fixed no version is deleted; {n} versions kept, {size}.",
        "da": "{reason} Indtil det er rettet, slettes ingen version; {n} version gemt, {size}."
              "|{reason} Indtil det er rettet, slettes ingen version; {n} versioner gemt, {size}.",
    },
    "history_kept_database": {
        "en": "The database keeps every version; {n} earlier version, {size}."
              "|The database keeps every version; {n} earlier versions, {size}.",
        "da": "Databasen gemmer alle versioner; {n} tidligere version, {size}."
              "|Databasen gemmer alle versioner; {n} tidligere versioner, {size}.",
    },
    "editing": {"en": "You are editing: {version}", "da": "Du redigerer: {version}"},
    "nothing_stored": {
        "en": "There is nothing to edit yet: {where} holds no partner data.",
        "da": "Der er intet at redigere endnu: {where} indeholder ingen partnerdata.",
    },
    "restore": {"en": "Restore this version", "da": "Gendan denne version"},
    "restored": {
        "en": "Restored. The version it replaced is kept as {backup}.",
        "da": "Gendannet. Den version, den erstattede, er gemt som {backup}.",
    },
    "download_history": {"en": "Download the history (CSV)", "da": "Download historikken (CSV)"},
    "download_csv": {"en": "Download for Excel (CSV)", "da": "Download til Excel (CSV)"},
    "download_xlsx": {"en": "Download as Excel workbook", "da": "Download som Excel-projektmappe"},
    "identical": {"en": "Identical to the current file.", "da": "Magen til den nuværende fil."},
    "namesakes_title": {"en": "Choose among namesakes", "da": "Vælg blandt steder med samme navn"},
    "namesakes_help": {
        "en": "These rows name a place that several places are called. Choose the one meant: its coordinates are "
              "written into the file's lat and lon, after a preview.",
        "da": "Disse rækker nævner et sted, som flere steder hedder. Vælg det rigtige: dets koordinater skrives i "
              "filens lat og lon, efter en forhåndsvisning.",
    },
    "namesakes_pick": {"en": "Row {row}: {name} ({city})", "da": "Række {row}: {name} ({city})"},
    "namesakes_keep": {"en": "As the map shows it now", "da": "Som kortet viser det nu"},
}
