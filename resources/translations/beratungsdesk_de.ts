<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AppController</name>
    <message>
        <source>Locked. Input that was not saved is kept and comes back after unlocking.</source>
        <extracomment>Events that count as &quot;someone is using the program&quot; for the auto-lock.</extracomment>
        <translation>Gesperrt. Nicht gespeicherte Eingaben sind aufbewahrt und kommen nach dem Entsperren zurück.</translation>
    </message>
    <message>
        <source>Locked after inactivity.</source>
        <translation>Nach Inaktivität gesperrt.</translation>
    </message>
    <message>
        <source>The input that was not saved could not be kept: {problem}</source>
        <translation>Die nicht gespeicherten Eingaben konnten nicht aufbewahrt werden: {problem}</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Record kind</source>
        <translation>Art des Eintrags</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>Kennung</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>created</source>
        <extracomment>A very long device or counselor name is cut here rather than pushing the rest away.</extracomment>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>erased</source>
        <translation>endgültig gelöscht</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>exportiert</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>geöffnet</translation>
    </message>
    <message>
        <source>case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>client</source>
        <translation>Klient*in</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>intervention</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>referral</source>
        <translation>Verweisung</translation>
    </message>
    <message>
        <source>consent</source>
        <translation>Einwilligung</translation>
    </message>
    <message>
        <source>network partner</source>
        <translation>Netzwerkpartner</translation>
    </message>
    <message>
        <source>workshop</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>meeting</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>list entry</source>
        <translation>Listeneintrag</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>Einstellung</translation>
    </message>
    <message>
        <source>the entry was altered</source>
        <translation>der Eintrag wurde verändert</translation>
    </message>
    <message>
        <source>the link to the entry before it is broken</source>
        <translation>die Verkettung mit dem vorigen Eintrag ist unterbrochen</translation>
    </message>
    <message>
        <source>the entry is missing</source>
        <translation>der Eintrag fehlt</translation>
    </message>
    <message>
        <source>the entry was marked deleted</source>
        <translation>der Eintrag wurde als gelöscht markiert</translation>
    </message>
    <message>
        <source>the chain was cut: this entry, confirmed at a handover, is gone</source>
        <translation>die Kette wurde gekürzt: dieser bei einer Übergabe bestätigte Eintrag fehlt</translation>
    </message>
    <message>
        <source>the chain was rewritten: this entry differs from the one confirmed at a handover</source>
        <translation>die Kette wurde neu geschrieben: dieser Eintrag weicht von dem bei einer Übergabe bestätigten ab</translation>
    </message>
    <message>
        <source>this office</source>
        <translation>dieses Büro</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;Verify chain</source>
        <translation>Kette &amp;prüfen</translation>
    </message>
    <message>
        <source>Recompute every device&apos;s hash chain to find silent edits</source>
        <translation>Die Hash-Kette jedes Geräts neu berechnen, um unbemerkte Änderungen zu finden</translation>
    </message>
    <message>
        <source>Each device keeps its entries in a hash chain: an entry altered, removed or inserted afterwards breaks it. The log holds ids and actions, no content.</source>
        <translation>Jedes Gerät verkettet seine Einträge mit Prüfsummen (Hash-Kette): Ein nachträglich veränderter, entfernter oder eingefügter Eintrag unterbricht sie. Das Protokoll enthält nur Kennungen und Aktionen, keine Inhalte.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(alle)</translation>
    </message>
    <message>
        <source>Action:</source>
        <translation>Aktion:</translation>
    </message>
    <message>
        <source>Record kind:</source>
        <translation>Art des Eintrags:</translation>
    </message>
    <message>
        <source>Device {device}, entry no. {n}: {problem}.</source>
        <translation>Gerät {device}, Eintrag Nr. {n}: {problem}.</translation>
    </message>
    <message>
        <source>… and {count} more.</source>
        <translation>… und {count} weitere.</translation>
    </message>
    <message>
        <source>The audit log was changed outside the program: {problems}; {entries} checked.</source>
        <translation>Das Protokoll wurde außerhalb des Programms verändert: {problems}; geprüft: {entries}.</translation>
    </message>
    <message numerus="yes">
        <source>The audit log is intact: %n entries checked; none was altered, removed or inserted.</source>
        <translation>
            <numerusform>Das Protokoll ist unverändert: %n Eintrag geprüft; er wurde weder verändert noch entfernt oder eingefügt.</numerusform>
            <numerusform>Das Protokoll ist unverändert: %n Einträge geprüft; keiner wurde verändert, entfernt oder eingefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n Eintrag</numerusform>
            <numerusform>%n Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>follow-up</source>
        <translation>Wiedervorlage</translation>
    </message>
    <message>
        <source>appointment</source>
        <translation>Termin</translation>
    </message>
    <message>
        <source>office hour</source>
        <translation>Sprechstunde</translation>
    </message>
</context>
<context>
    <name>BackupView</name>
    <message>
        <source>Taken on</source>
        <translation>Erstellt am</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Last check</source>
        <translation>Letzte Prüfung</translation>
    </message>
    <message>
        <source>No backup folder is set yet: choose one on an external disk or the NAS.</source>
        <translation>Es ist noch kein Sicherungsordner festgelegt: Wählen Sie einen auf einer externen Festplatte oder dem NAS.</translation>
    </message>
    <message>
        <source>The backup folder cannot be reached (is the disk connected?). No backup can be written until it is back.</source>
        <translation>Der Sicherungsordner ist nicht erreichbar (ist die Festplatte angeschlossen?). Bis er wieder da ist, kann keine Sicherung geschrieben werden.</translation>
    </message>
    <message>
        <source>There is no checked, intact backup yet.</source>
        <translation>Es gibt noch keine geprüfte, unversehrte Sicherung.</translation>
    </message>
    <message>
        <source>The last good backup is older than 7 days ({when}).</source>
        <translation>Die letzte gute Sicherung ist älter als 7 Tage ({when}).</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unlesbar</translation>
    </message>
    <message>
        <source>not checked yet</source>
        <translation>noch nicht geprüft</translation>
    </message>
    <message>
        <source>DAMAGED</source>
        <translation>BESCHÄDIGT</translation>
    </message>
    <message>
        <source>intact, fully checked</source>
        <translation>unversehrt, vollständig geprüft</translation>
    </message>
    <message>
        <source>intact (checksum)</source>
        <translation>unversehrt (Prüfsumme)</translation>
    </message>
    <message>
        <source>Choose &amp;folder…</source>
        <translation>Sicherungsordner &amp;festlegen…</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Sicherungen</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>Jetzt &amp;sichern</translation>
    </message>
    <message>
        <source>&amp;Check selected</source>
        <translation>Auswahl &amp;prüfen</translation>
    </message>
    <message>
        <source>&amp;Restore selected…</source>
        <translation>Auswahl &amp;wiederherstellen…</translation>
    </message>
    <message>
        <source>Back up this laptop too (after each handover and when locking)</source>
        <translation>Auch diesen Laptop sichern (nach jeder Übergabe und beim Sperren)</translation>
    </message>
    <message>
        <source>A backup is written after each handover that brought changes and when the program is locked or closed. It is encrypted like the store: the passphrase valid when it was taken opens it. Kept: the newest of each of the last 7 days, 4 weeks and 12 months.</source>
        <translation>Gesichert wird nach jeder Übergabe, die Änderungen brachte, und wenn das Programm gesperrt oder geschlossen wird. Die Sicherung ist verschlüsselt wie der Datenbestand: Sie öffnet sich mit der Passphrase, die beim Sichern galt. Aufbewahrt wird die jeweils neueste der letzten 7 Tage, 4 Wochen und 12 Monate.</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Sicherungsordner</translation>
    </message>
    <message>
        <source>Backup of this laptop</source>
        <translation>Datensicherung dieses Laptops</translation>
    </message>
    <message>
        <source>Off by default: what the office has received is backed up there. A backup of a laptop helps only until its next handover.</source>
        <translation>Aus Voreinstellung aus: Was im Büro angekommen ist, wird dort gesichert. Eine Sicherung des Laptops hilft nur bis zu seiner nächsten Übergabe.</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Wird gesichert…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>New, empty folder for the restored store</source>
        <translation>Neuer, leerer Ordner für den wiederhergestellten Datenbestand</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Passphrase that was valid when the backup was taken:</source>
        <translation>Passphrase, die beim Sichern galt:</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Wird wiederhergestellt…</translation>
    </message>
    <message>
        <source>Backup folder:</source>
        <translation>Sicherungsordner:</translation>
    </message>
    <message>
        <source>none chosen</source>
        <translation>keiner gewählt</translation>
    </message>
    <message>
        <source>The backup was written and checked.</source>
        <translation>Die Sicherung wurde geschrieben und geprüft.</translation>
    </message>
    <message>
        <source>Select a backup first.</source>
        <translation>Bitte zuerst eine Sicherung auswählen.</translation>
    </message>
    <message>
        <source>The backup is intact.</source>
        <translation>Die Sicherung ist unversehrt.</translation>
    </message>
    <message>
        <source>The backup is damaged: use another one.</source>
        <translation>Die Sicherung ist beschädigt: Nehmen Sie eine andere.</translation>
    </message>
    <message>
        <source>The backup of {when} was restored into {folder}; {erased} record(s) erased after it were erased again. Lock the program and open that folder with &quot;Open another store…&quot; to work with it.</source>
        <translation>Die Sicherung vom {when} wurde in {folder} wiederhergestellt; {erased} danach gelöschte Einträge wurden erneut gelöscht. Sperren Sie das Programm und öffnen Sie den Ordner mit „Anderen Datenbestand öffnen…“, um damit zu arbeiten.</translation>
    </message>
    <message>
        <source>Backing up… {progress} MB</source>
        <translation>Sicherung läuft… {progress} MB</translation>
    </message>
</context>
<context>
    <name>CalendarFolderBox</name>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Write my appointments, follow-ups and office hours as a calendar file on every handover</source>
        <translation>Bei jeder Übergabe meine Termine, Wiedervorlagen und Sprechstunden als Kalenderdatei schreiben</translation>
    </message>
    <message>
        <source>The file holds case numbers, towns and the kind of entry only, never names: Thunderbird or Outlook can subscribe to it.</source>
        <translation>Die Datei enthält nur Fallnummern, Städte und die Art des Eintrags, nie Namen: Thunderbird oder Outlook können sie abonnieren.</translation>
    </message>
    <message>
        <source>File: {path}</source>
        <translation>Datei: {path}</translation>
    </message>
    <message>
        <source>Folder for the calendar file</source>
        <translation>Ordner für die Kalenderdatei</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <source>Case &amp;list</source>
        <translation>Falll&amp;iste</translation>
    </message>
    <message>
        <source>Back to the case list (Alt+Left)</source>
        <translation>Zurück zur Fallliste (Alt+Links)</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>Ver&amp;werfen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the case and client data (Ctrl+S)</source>
        <translation>Fall- und Klient*innendaten speichern (Strg+S)</translation>
    </message>
    <message>
        <source>Erase case…</source>
        <translation>Fall löschen…</translation>
    </message>
    <message>
        <source>Erase this case for data protection (office only)</source>
        <translation>Diesen Fall aus Datenschutzgründen endgültig löschen (nur Büro)</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient*in</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Interventions</source>
        <translation>Interventionen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>(niemand)</translation>
    </message>
    <message>
        <source>The client code is what appears in lists; the name and contact details are only shown here.</source>
        <translation>In Listen erscheint nur das Kürzel; Name und Kontaktdaten werden nur hier angezeigt.</translation>
    </message>
    <message>
        <source>Consents of the client</source>
        <translation>Einwilligungen der Klient*in</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>e.g. town hall, library</source>
        <translation>z. B. Rathaus, Bibliothek</translation>
    </message>
    <message>
        <source>with interpreter</source>
        <translation>mit Dolmetscher*in</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Start:</source>
        <translation>Beginn:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Kontaktweg:</translation>
    </message>
    <message>
        <source>Town:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>Stelle:</translation>
    </message>
    <message>
        <source>Counselor:</source>
        <translation>Beratungskraft:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>&amp;Log contact</source>
        <translation>Kontakt &amp;erfassen</translation>
    </message>
    <message>
        <source>Save changes to the selected contact</source>
        <translation>Änderungen am ausgewählten Kontakt speichern</translation>
    </message>
    <message>
        <source>Correct the selected contact with the values above</source>
        <translation>Den ausgewählten Kontakt mit den Werten oben berichtigen</translation>
    </message>
    <message>
        <source>Delete selected contact</source>
        <translation>Ausgewählten Kontakt löschen</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Art:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <source>&amp;Add intervention</source>
        <translation>Intervention &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Save changes to the selected one</source>
        <translation>Änderungen an der ausgewählten speichern</translation>
    </message>
    <message>
        <source>Write a complaint letter from this case as PDF</source>
        <translation>Einen Beschwerdebrief aus diesem Fall als PDF schreiben</translation>
    </message>
    <message>
        <source>Intervention</source>
        <translation>Intervention</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <source>Write a new note. Notes cannot be changed later; a correction is a new note that replaces the old one.</source>
        <translation>Neue Notiz schreiben. Notizen lassen sich später nicht ändern; eine Korrektur ist eine neue Notiz, die die alte ersetzt.</translation>
    </message>
    <message>
        <source>(no author)</source>
        <translation>(ohne Verfasser*in)</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>Erase the selected document here and, with the next handover, on every device</source>
        <translation>Das ausgewählte Dokument hier und mit der nächsten Übergabe auf allen Geräten löschen</translation>
    </message>
    <message>
        <source>The stored value “{value}” is not valid. Choose a valid value and save.</source>
        <translation>Der gespeicherte Wert „{value}“ ist ungültig. Wählen Sie einen gültigen Wert und speichern Sie.</translation>
    </message>
    <message>
        <source>Values that are not valid are marked</source>
        <translation>Ungültige Werte sind markiert</translation>
    </message>
    <message>
        <source>The session timer is running: log that contact first, then correct the selected one.</source>
        <translation>Die Zeitmessung läuft: erfassen Sie erst diesen Kontakt und berichtigen Sie dann den ausgewählten.</translation>
    </message>
    <message>
        <source>Remove the document &quot;{file}&quot; from this case?</source>
        <translation>Das Dokument „{file}“ aus diesem Fall entfernen?</translation>
    </message>
    <message>
        <source>This cannot be undone. The document is erased on this computer now and on every other device with the next handover.</source>
        <translation>Das kann nicht rückgängig gemacht werden. Das Dokument wird jetzt auf diesem Computer und mit der nächsten Übergabe auf allen anderen Geräten gelöscht.</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>Dokument entfernen</translation>
    </message>
    <message>
        <source>The document was erased.</source>
        <translation>Das Dokument wurde gelöscht.</translation>
    </message>
    <message>
        <source>Only the office assigns a case to a counselor.</source>
        <translation>Nur das Büro weist einen Fall einer Beratungskraft zu.</translation>
    </message>
    <message>
        <source>Erase case {number} with its contacts, notes, documents and referrals?</source>
        <translation>Fall {number} mit seinen Kontakten, Notizen, Dokumenten und Verweisungen endgültig löschen?</translation>
    </message>
    <message>
        <source>Erase case</source>
        <translation>Fall löschen</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Verfasst von</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kontaktweg</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Geschrieben</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Kontakt</translation>
    </message>
    <message>
        <source>Co&amp;mplaint letter…</source>
        <translation>Beschwerde&amp;brief…</translation>
    </message>
    <message>
        <source>Add &amp;note</source>
        <translation>Notiz &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Replace selected note</source>
        <translation>Ausgewählte Notiz ersetzen</translation>
    </message>
    <message>
        <source>Author:</source>
        <translation>Verfasst von:</translation>
    </message>
    <message>
        <source>A&amp;dd document…</source>
        <translation>Dokument hin&amp;zufügen…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Save a &amp;copy…</source>
        <translation>&amp;Kopie speichern…</translation>
    </message>
    <message>
        <source>Documents are stored encrypted. Opening one writes a temporary copy that is wiped when the case list is locked or the program ends.</source>
        <translation>Dokumente werden verschlüsselt gespeichert. Beim Öffnen entsteht eine vorübergehende Kopie, die beim Sperren oder Beenden des Programms gelöscht wird.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <source>Case {number}</source>
        <translation>Fall {number}</translation>
    </message>
    <message>
        <source>[replaced] {text}</source>
        <translation>[ersetzt] {text}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Nicht gespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Please correct the marked fields; nothing was saved.</source>
        <translation>Bitte die markierten Felder korrigieren; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>This case has changes that are not saved yet.</source>
        <translation>Dieser Fall hat Änderungen, die noch nicht gespeichert sind.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Kontakt löschen</translation>
    </message>
    <message>
        <source>Delete the contact of {date}?</source>
        <translation>Den Kontakt vom {date} löschen?</translation>
    </message>
    <message>
        <source>Please write the note first.</source>
        <translation>Bitte zuerst die Notiz schreiben.</translation>
    </message>
    <message>
        <source>Select the note that the new one replaces.</source>
        <translation>Bitte die Notiz auswählen, die ersetzt werden soll.</translation>
    </message>
    <message>
        <source>Add a document</source>
        <translation>Dokument hinzufügen</translation>
    </message>
    <message>
        <source>Select a document first.</source>
        <translation>Bitte zuerst ein Dokument auswählen.</translation>
    </message>
    <message>
        <source>No program is available to open this document.</source>
        <translation>Es ist kein Programm vorhanden, das dieses Dokument öffnen kann.</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>Kopie speichern</translation>
    </message>
    <message>
        <source>Copy saved.</source>
        <translation>Kopie gespeichert.</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Vermittlungen</translation>
    </message>
    <message>
        <source>Case {number} was erased elsewhere (on another page, by the retention rules or with a handover). The editor was closed; input not yet saved was discarded with it.</source>
        <translation>Fall {number} wurde an anderer Stelle gelöscht (auf einer anderen Seite, nach den Aufbewahrungsregeln oder mit einer Übergabe). Der Fall-Editor wurde geschlossen; noch nicht gespeicherte Eingaben wurden mit ihm verworfen.</translation>
    </message>
    <message>
        <source>Case erased</source>
        <translation>Fall gelöscht</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message numerus="yes">
        <source>%n contacts, together {duration}</source>
        <translation>
            <numerusform>%n Kontakt, zusammen {duration}</numerusform>
            <numerusform>%n Kontakte, zusammen {duration}</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-ups and appointments</source>
        <translation>Wiedervorlagen und Termine</translation>
    </message>
</context>
<context>
    <name>CaseListView</name>
    <message>
        <source>Search: client code, name, case number, notes…</source>
        <extracomment>Pause after the last key press before searching (typing stays fluid).</extracomment>
        <translation>Suche: Klient*innen-Kürzel, Name, Fallnummer, Notizen…</translation>
    </message>
    <message>
        <source>Search cases</source>
        <translation>Fälle suchen</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>Alle Lebensbereiche</translation>
    </message>
    <message>
        <source>All towns</source>
        <translation>Alle Orte</translation>
    </message>
    <message>
        <source>All counselors</source>
        <translation>Alle Beratungskräfte</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alle Jahre</translation>
    </message>
    <message>
        <source>Filter by status</source>
        <translation>Nach Status filtern</translation>
    </message>
    <message>
        <source>Filter by area of life</source>
        <translation>Nach Lebensbereich filtern</translation>
    </message>
    <message>
        <source>Filter by town</source>
        <translation>Nach Ort filtern</translation>
    </message>
    <message>
        <source>Filter by counselor</source>
        <translation>Nach Beratungskraft filtern</translation>
    </message>
    <message>
        <source>Filter by year</source>
        <translation>Nach Jahr filtern</translation>
    </message>
    <message>
        <source>&amp;New case</source>
        <translation>&amp;Neuer Fall</translation>
    </message>
    <message>
        <source>Open a new case (Ctrl+N)</source>
        <translation>Einen neuen Fall anlegen (Strg+N)</translation>
    </message>
    <message>
        <source>Number of cases shown</source>
        <translation>Anzahl der angezeigten Fälle</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Cases shown: {count}</source>
        <translation>Angezeigte Fälle: {count}</translation>
    </message>
    <message>
        <source>Import &amp;table…</source>
        <translation>&amp;Tabelle importieren…</translation>
    </message>
    <message>
        <source>Import cases from a CSV, Excel or LibreOffice file</source>
        <translation>Fälle aus einer CSV-, Excel- oder LibreOffice-Datei übernehmen</translation>
    </message>
</context>
<context>
    <name>CasePrint</name>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Drucken…</translation>
    </message>
    <message>
        <source>The whole case file as PDF, to print or to hand over (Ctrl+P)</source>
        <translation>Die ganze Fallakte als PDF, zum Drucken oder Weitergeben (Strg+P)</translation>
    </message>
    <message>
        <source>Save the case file as</source>
        <translation>Fallakte speichern unter</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Case file saved: {file}</source>
        <translation>Fallakte gespeichert: {file}</translation>
    </message>
</context>
<context>
    <name>CaseTableModel</name>
    <message>
        <source>Case number</source>
        <extracomment>Case list columns: (header source text, sort key in CASE_SORTS or None).</extracomment>
        <translation>Fallnummer</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient*in</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Area of life</source>
        <translation>Lebensbereich</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>invalid: {value}</source>
        <translation>ungültig: {value}</translation>
    </message>
    <message>
        <source>invalid: no number</source>
        <translation>ungültig: keine Nummer</translation>
    </message>
</context>
<context>
    <name>CaseWeekPanel</name>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Minuten</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>With</source>
        <translation>Mit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Wiedervorlagen</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Termine</translation>
    </message>
    <message>
        <source>Add &amp;follow-up</source>
        <translation>Wiedervor&amp;lage hinzufügen</translation>
    </message>
    <message>
        <source>Done / open again</source>
        <translation>Erledigt / wieder offen</translation>
    </message>
    <message>
        <source>names, separated by commas</source>
        <translation>Namen, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Who takes part</source>
        <translation>Wer teilnimmt</translation>
    </message>
    <message>
        <source>Add &amp;appointment</source>
        <translation>Ter&amp;min hinzufügen</translation>
    </message>
    <message>
        <source>Set status</source>
        <translation>Status setzen</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Time:</source>
        <translation>Uhrzeit:</translation>
    </message>
    <message>
        <source>Minutes:</source>
        <translation>Minuten:</translation>
    </message>
    <message>
        <source>Town:</source>
        <translation>Ort (Stadt):</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>Treffpunkt:</translation>
    </message>
    <message>
        <source>Who takes part:</source>
        <translation>Wer teilnimmt:</translation>
    </message>
    <message>
        <source>Select a follow-up first.</source>
        <translation>Bitte zuerst eine Wiedervorlage auswählen.</translation>
    </message>
    <message>
        <source>Select an appointment first.</source>
        <translation>Bitte zuerst einen Termin auswählen.</translation>
    </message>
    <message>
        <source>Due on:</source>
        <translation>Fällig am:</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Was zu tun ist:</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
</context>
<context>
    <name>ClientsView</name>
    <message>
        <source>Client code</source>
        <translation>Klient*innen-Kürzel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Klient*innen</translation>
    </message>
    <message>
        <source>Search by client code or name…</source>
        <translation>Nach Kürzel oder Name suchen…</translation>
    </message>
    <message>
        <source>Search clients</source>
        <translation>Klient*innen suchen</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Einwilligungen</translation>
    </message>
    <message>
        <source>Erase client…</source>
        <translation>Klient*in löschen…</translation>
    </message>
    <message>
        <source>Erase the selected client and all their cases (office only)</source>
        <translation>Die ausgewählte Klient*in mit allen Fällen endgültig löschen (nur Büro)</translation>
    </message>
    <message>
        <source>&amp;Access report (PDF)…</source>
        <translation>&amp;Auskunft (PDF)…</translation>
    </message>
    <message>
        <source>Everything stored about the selected client, as PDF (right of access, GDPR art. 15)</source>
        <translation>Alles, was über die ausgewählte Person gespeichert ist, als PDF (Auskunftsrecht, Art. 15 DSGVO)</translation>
    </message>
    <message>
        <source>Consents of {code}</source>
        <translation>Einwilligungen von {code}</translation>
    </message>
    <message>
        <source>Consents (select a client)</source>
        <translation>Einwilligungen (Klient*in auswählen)</translation>
    </message>
    <message>
        <source>The first {limit} clients are shown; search to narrow the list.</source>
        <translation>Die ersten {limit} Klient*innen werden angezeigt; eine Suche grenzt die Liste ein.</translation>
    </message>
    <message>
        <source>Double-click a client to see their cases.</source>
        <translation>Doppelklick auf eine Person zeigt ihre Fälle.</translation>
    </message>
    <message>
        <source>Select a client first.</source>
        <translation>Bitte zuerst eine Klient*in auswählen.</translation>
    </message>
    <message>
        <source>Saved: {file}</source>
        <translation>Gespeichert: {file}</translation>
    </message>
    <message>
        <source>Save the access report as</source>
        <translation>Auskunft speichern unter</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Erase client</source>
        <translation>Klient*in löschen</translation>
    </message>
    <message numerus="yes">
        <source>Erase client {code} and their %n cases with everything that belongs to them?</source>
        <translation>
            <numerusform>Klient*in {code} und den %n Fall mit allem, was dazugehört, endgültig löschen?</numerusform>
            <numerusform>Klient*in {code} und ihre %n Fälle mit allem, was dazugehört, endgültig löschen?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <source>Record</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Current value</source>
        <translation>Aktueller Wert</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>Anderer Wert</translation>
    </message>
    <message>
        <source>Conflicts waiting for a decision</source>
        <translation>Konflikte, die auf eine Entscheidung warten</translation>
    </message>
    <message>
        <source>Double-click opens the record.</source>
        <translation>Doppelklick öffnet den Eintrag.</translation>
    </message>
    <message>
        <source>Compare &amp;side by side…</source>
        <translation>&amp;Nebeneinander vergleichen…</translation>
    </message>
    <message>
        <source>&amp;Keep the current value</source>
        <translation>&amp;Aktuellen Wert behalten</translation>
    </message>
    <message>
        <source>&amp;Take the other value</source>
        <translation>Anderen Wert &amp;übernehmen</translation>
    </message>
    <message>
        <source>Current value from</source>
        <translation>Aktueller Wert von</translation>
    </message>
    <message>
        <source>Other value from</source>
        <translation>Anderer Wert von</translation>
    </message>
    <message>
        <source>Two devices changed the same field at the same time. The record shows the current value; pick the right one (long texts: compare them side by side). Double-click opens the record. The decision reaches the other devices with the next handover.</source>
        <translation>Zwei Geräte haben dasselbe Feld zur gleichen Zeit geändert. Der Eintrag zeigt den aktuellen Wert; wählen Sie den richtigen (lange Texte: nebeneinander vergleichen). Doppelklick öffnet den Eintrag. Die Entscheidung erreicht die anderen Geräte mit der nächsten Übergabe.</translation>
    </message>
    <message>
        <source>Your texts replaced by a decision elsewhere</source>
        <translation>Ihre Texte, die durch eine Entscheidung an anderer Stelle ersetzt wurden</translation>
    </message>
    <message>
        <source>Show &amp;old and new text…</source>
        <translation>&amp;Alten und neuen Text zeigen…</translation>
    </message>
    <message>
        <source>&amp;Read, hide it</source>
        <translation>&amp;Gelesen, ausblenden</translation>
    </message>
    <message>
        <source>Your text in {record}, field {field}, was replaced on {when} {by}.</source>
        <translation>Ihr Text in {record}, Feld {field}, wurde am {when} {by} ersetzt.</translation>
    </message>
    <message>
        <source>Your text (replaced)</source>
        <translation>Ihr Text (ersetzt)</translation>
    </message>
    <message>
        <source>Now: {author}</source>
        <translation>Jetzt: {author}</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
    <message>
        <source>Select a notice first.</source>
        <translation>Bitte zuerst einen Hinweis auswählen.</translation>
    </message>
    <message>
        <source>This record has no page of its own; decide here.</source>
        <translation>Dieser Eintrag hat keine eigene Seite; entscheiden Sie hier.</translation>
    </message>
    <message>
        <source>Select a conflict first.</source>
        <translation>Bitte zuerst einen Konflikt auswählen.</translation>
    </message>
    <message>
        <source>{record}, field {field}</source>
        <translation>{record}, Feld {field}</translation>
    </message>
    <message>
        <source>Current value: {written}</source>
        <translation>Aktueller Wert: {written}</translation>
    </message>
    <message>
        <source>Other value: {written}</source>
        <translation>Anderer Wert: {written}</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>dieses Gerät</translation>
    </message>
    <message>
        <source>by the office</source>
        <translation>vom Büro</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>the office</source>
        <translation>das Büro</translation>
    </message>
    <message>
        <source>by {author}</source>
        <translation>von {author}</translation>
    </message>
    <message>
        <source>{author}, {when}</source>
        <translation>{author}, {when}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>another device</source>
        <translation>ein anderes Gerät</translation>
    </message>
    <message>
        <source>{device} ({counselor})</source>
        <translation>{device} ({counselor})</translation>
    </message>
    <message>
        <source>Case {number}</source>
        <translation>Fall {number}</translation>
    </message>
    <message>
        <source>Conflicts ({count})</source>
        <translation>Konflikte ({count})</translation>
    </message>
    <message numerus="yes">
        <source>%n texts replaced</source>
        <translation>
            <numerusform>%n Text ersetzt</numerusform>
            <numerusform>%n Texte ersetzt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsentPanel</name>
    <message>
        <source>Given on</source>
        <translation>Erteilt am</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Umfang</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Widerrufen am</translation>
    </message>
    <message>
        <source>Consents</source>
        <translation>Einwilligungen</translation>
    </message>
    <message>
        <source>&amp;Withdraw selected consent</source>
        <translation>Ausgewählte Einwilligung wide&amp;rrufen</translation>
    </message>
    <message>
        <source>Add &amp;consent</source>
        <translation>&amp;Einwilligung eintragen</translation>
    </message>
    <message>
        <source>New consent</source>
        <translation>Neue Einwilligung</translation>
    </message>
    <message>
        <source>You can go on; please record the consent on the client tab first if the client gives it.</source>
        <translation>Sie können trotzdem fortfahren; wenn die Klient*in einwilligt, tragen Sie die Einwilligung bitte zuerst im Reiter „Klient*in“ ein.</translation>
    </message>
    <message>
        <source>Withdrawn on:</source>
        <translation>Widerrufen am:</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>Umfang:</translation>
    </message>
    <message>
        <source>No valid consent recorded.</source>
        <translation>Keine gültige Einwilligung eingetragen.</translation>
    </message>
    <message>
        <source>Select a consent first.</source>
        <translation>Bitte zuerst eine Einwilligung auswählen.</translation>
    </message>
    <message>
        <source>This consent was already withdrawn.</source>
        <translation>Diese Einwilligung wurde bereits widerrufen.</translation>
    </message>
    <message>
        <source>Given on:</source>
        <translation>Erteilt am:</translation>
    </message>
    <message>
        <source>Form:</source>
        <translation>Form:</translation>
    </message>
    <message>
        <source>Consent given for: {scopes}</source>
        <translation>Einwilligung liegt vor für: {scopes}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>DD.MM.YYYY</source>
        <translation>TT.MM.JJJJ</translation>
    </message>
    <message>
        <source>Type a date like 3.2.26, 03.02.2026 or 3.2. (this year); Alt+Down opens the calendar.</source>
        <translation>Datum eingeben, z. B. 3.2.26, 03.02.2026 oder 3.2. (dieses Jahr); Alt+Pfeil nach unten öffnet den Kalender.</translation>
    </message>
    <message>
        <source>Choose the date in a calendar (Alt+Down)</source>
        <translation>Datum im Kalender wählen (Alt+Pfeil nach unten)</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Set today&apos;s date</source>
        <translation>Heutiges Datum eintragen</translation>
    </message>
    <message>
        <source>“{value}” is not a date. Type it like 3.2.26, 03.02.2026 or 2026-02-03.</source>
        <translation>„{value}“ ist kein Datum. Bitte so eingeben: 3.2.26, 03.02.2026 oder 2026-02-03.</translation>
    </message>
    <message>
        <source>Please enter a date.</source>
        <translation>Bitte ein Datum eingeben.</translation>
    </message>
</context>
<context>
    <name>DraftBanner</name>
    <message>
        <source>Keep and go on</source>
        <translation>Behalten und weiterarbeiten</translation>
    </message>
    <message>
        <source>Discard the draft</source>
        <translation>Entwurf verwerfen</translation>
    </message>
    <message>
        <source>Input that was not saved when the program locked is back: {places}. It is not saved yet. Save it where it is, or discard it.</source>
        <translation>Eingaben, die beim Sperren noch nicht gespeichert waren, sind wieder da: {places}. Sie sind noch nicht gespeichert. Speichern Sie sie an Ort und Stelle oder verwerfen Sie sie.</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <source>{hours} h {minutes} min</source>
        <extracomment>``resources/`` of the source tree or of the installed build (see ``core/resources.py``). Marked for the translation file (``duration_text`` looks them up by these texts).</extracomment>
        <translation>{hours} Std. {minutes} Min.</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} Std.</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll a laptop</source>
        <translation>Laptop aufnehmen</translation>
    </message>
    <message>
        <source>Compare this code with the one on the laptop&apos;s screen. Enroll only if they are the same.</source>
        <translation>Vergleichen Sie diesen Code mit dem auf dem Bildschirm des Laptops. Nehmen Sie den Laptop nur auf, wenn beide gleich sind.</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Prüfcode</translation>
    </message>
    <message>
        <source>Counselor using this laptop</source>
        <translation>Beratungskraft, die diesen Laptop nutzt</translation>
    </message>
    <message>
        <source>Name of the counselor using this laptop</source>
        <translation>Name der Beratungskraft, die diesen Laptop nutzt</translation>
    </message>
    <message>
        <source>first and last name</source>
        <translation>Vor- und Nachname</translation>
    </message>
    <message>
        <source>Laptop:</source>
        <translation>Laptop:</translation>
    </message>
    <message>
        <source>&amp;Used by:</source>
        <translation>&amp;Genutzt von:</translation>
    </message>
    <message>
        <source>Nobody is in the team yet. Type the name of the counselor using this laptop: they are added to the team (Office → Team).</source>
        <translation>Im Team ist noch niemand eingetragen. Geben Sie den Namen der Beratungskraft ein, die diesen Laptop nutzt: Sie wird ins Team aufgenommen (Büro → Team).</translation>
    </message>
    <message>
        <source>The codes match: enroll</source>
        <translation>Die Codes stimmen überein: aufnehmen</translation>
    </message>
    <message>
        <source>Type the counselor&apos;s name, or add the counselor to the team first (Office → Team).</source>
        <translation>Bitte den Namen der Beratungskraft eingeben – oder sie zuerst ins Team aufnehmen (Büro → Team).</translation>
    </message>
    <message>
        <source>(choose the counselor)</source>
        <translation>(Beratungskraft wählen)</translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message>
        <source>This cannot be undone. The records are removed from this store and, with the next handover, from every laptop; only the anonymous figures for the statistics remain.</source>
        <translation>Das kann nicht rückgängig gemacht werden. Die Daten werden aus diesem Datenbestand und mit der nächsten Übergabe von jedem Laptop entfernt; nur die anonymen Zahlen für die Statistik bleiben.</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Endgültig löschen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Erased: {cases}, {records} in all.</source>
        <translation>Gelöscht: {cases}, insgesamt {records}.</translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FirstStartWindow</name>
    <message>
        <source>BeratungsDesk – first start</source>
        <translation>BeratungsDesk – erster Start</translation>
    </message>
    <message>
        <source>Welcome to BeratungsDesk</source>
        <translation>Willkommen bei BeratungsDesk</translation>
    </message>
    <message>
        <source>There is no store on this computer yet. What would you like to do?</source>
        <translation>Auf diesem Computer gibt es noch keinen Datenbestand. Was möchten Sie tun?</translation>
    </message>
    <message>
        <source>&amp;Create the office store</source>
        <translation>Datenbestand des &amp;Büros anlegen</translation>
    </message>
    <message>
        <source>For the central office: the complete record of all cases.</source>
        <translation>Für das Büro: der vollständige Bestand aller Fälle.</translation>
    </message>
    <message>
        <source>&amp;Open an existing store…</source>
        <translation>Vorhandenen Datenbestand ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>A store folder created before, e.g. the demo store.</source>
        <translation>Ein bereits angelegter Ordner, z. B. der Demo-Datenbestand.</translation>
    </message>
    <message>
        <source>Create the office store</source>
        <translation>Datenbestand des Büros anlegen</translation>
    </message>
    <message>
        <source>The store will be created in: {folder}</source>
        <translation>Der Datenbestand wird angelegt in: {folder}</translation>
    </message>
    <message>
        <source>Name of the counseling center</source>
        <translation>Name der Beratungsstelle</translation>
    </message>
    <message>
        <source>Set up this &amp;laptop with an invitation…</source>
        <translation>Diesen &amp;Laptop mit einer Einladung einrichten…</translation>
    </message>
    <message>
        <source>For counselors: the office gives you an invitation file (e.g. on a USB stick).</source>
        <translation>Für Beratungskräfte: Das Büro gibt Ihnen eine Einladungsdatei (z. B. auf einem USB-Stick).</translation>
    </message>
    <message>
        <source>Try the &amp;demo store</source>
        <translation>&amp;Demo-Datenbestand ausprobieren</translation>
    </message>
    <message>
        <source>A separate store with invented cases, to look around.</source>
        <translation>Ein eigener Datenbestand mit erfundenen Fällen zum Kennenlernen.</translation>
    </message>
    <message>
        <source>e.g. Beratungsstelle gegen Alltagsrassismus</source>
        <translation>z. B. Beratungsstelle gegen Alltagsrassismus</translation>
    </message>
    <message>
        <source>&amp;Name of the center:</source>
        <translation>&amp;Name der Beratungsstelle:</translation>
    </message>
    <message>
        <source>Important: nobody can recover a forgotten passphrase, not even the makers of this program. Without it the data are lost. Write it down and keep it in a safe place.</source>
        <translation>Wichtig: Eine vergessene Passphrase kann niemand wiederherstellen, auch nicht die Hersteller dieses Programms. Ohne sie sind die Daten verloren. Schreiben Sie sie auf und bewahren Sie sie sicher auf.</translation>
    </message>
    <message>
        <source>I have &amp;understood this and noted the passphrase.</source>
        <translation>Ich habe das &amp;verstanden und die Passphrase notiert.</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Create &amp;store</source>
        <translation>Datenbestand &amp;anlegen</translation>
    </message>
    <message>
        <source>Choose the office&apos;s invitation</source>
        <translation>Einladung des Büros wählen</translation>
    </message>
    <message>
        <source>Set up this laptop</source>
        <translation>Diesen Laptop einrichten</translation>
    </message>
    <message>
        <source>Invitation: {file}
The store will be created in: {folder}</source>
        <translation>Einladung: {file}
Der Datenbestand wird angelegt in: {folder}</translation>
    </message>
    <message>
        <source>&amp;Name of this laptop:</source>
        <translation>&amp;Name dieses Laptops:</translation>
    </message>
    <message>
        <source>e.g. Laptop Aylin</source>
        <translation>z. B. Laptop Aylin</translation>
    </message>
    <message>
        <source>Create the demo store</source>
        <translation>Demo-Datenbestand anlegen</translation>
    </message>
    <message>
        <source>The demo store holds invented cases only and is created in: {folder}</source>
        <translation>Der Demo-Datenbestand enthält nur erfundene Fälle und wird angelegt in: {folder}</translation>
    </message>
    <message>
        <source>Choose the store folder</source>
        <translation>Ordner des Datenbestands wählen</translation>
    </message>
    <message>
        <source>This folder holds no BeratungsDesk store.</source>
        <translation>In diesem Ordner liegt kein BeratungsDesk-Datenbestand.</translation>
    </message>
    <message>
        <source>Please enter the name of the center.</source>
        <translation>Bitte den Namen der Beratungsstelle eingeben.</translation>
    </message>
    <message>
        <source>Please confirm that you have noted the passphrase.</source>
        <translation>Bitte bestätigen Sie, dass Sie die Passphrase notiert haben.</translation>
    </message>
    <message>
        <source>Compare the code with the office</source>
        <translation>Code mit dem Büro vergleichen</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Prüfcode</translation>
    </message>
    <message>
        <source>&amp;Continue to the program</source>
        <translation>&amp;Weiter zum Programm</translation>
    </message>
    <message>
        <source>The join request ({file}) was written next to the invitation. Give it to the office and compare this code with the one on the office&apos;s screen. After the office has enrolled this laptop, press &quot;Hand over&quot; to receive its first handover file.</source>
        <translation>Die Beitrittsanfrage ({file}) liegt neben der Einladung. Geben Sie sie dem Büro und vergleichen Sie diesen Code mit dem auf dessen Bildschirm. Sobald das Büro diesen Laptop aufgenommen hat, drücken Sie „Übergeben“, um die erste Übergabedatei zu erhalten.</translation>
    </message>
    <message>
        <source>Office key: {key}</source>
        <translation>Schlüssel des Büros: {key}</translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>Schlüssel-Fingerabdruck</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Handing over exchanges encrypted, signed files through one folder: new work goes to the office, confirmations and updates come back. Nothing in the files names a person.</source>
        <translation>Die Übergabe tauscht verschlüsselte, signierte Dateien über einen Ordner aus: Neue Arbeit geht an das Büro, Bestätigungen und Aktualisierungen kommen zurück. Keine Datei nennt eine Person.</translation>
    </message>
    <message>
        <source>choose the folder or USB stick once</source>
        <translation>Ordner oder USB-Stick einmal wählen</translation>
    </message>
    <message>
        <source>Handover folder</source>
        <translation>Übergabeordner</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Wählen…</translation>
    </message>
    <message>
        <source>&amp;Hand over</source>
        <translation>Ü&amp;bergeben</translation>
    </message>
    <message>
        <source>Hand over now (Ctrl+U)</source>
        <translation>Jetzt übergeben (Strg+U)</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>Ordner:</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stand</translation>
    </message>
    <message>
        <source>Result of the last handover</source>
        <translation>Ergebnis der letzten Übergabe</translation>
    </message>
    <message>
        <source>&amp;Join the office with an invitation file…</source>
        <translation>Mit einer Einladungsdatei der Beratungsstelle bei&amp;treten…</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Automatic handover</source>
        <translation>Automatische Übergabe</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>Handover history</source>
        <translation>Verlauf der Übergaben</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>&amp;Invite a laptop…</source>
        <translation>Laptop &amp;einladen…</translation>
    </message>
    <message>
        <source>&amp;Enroll from a join request…</source>
        <translation>Aus einer Beitrittsanfrage &amp;aufnehmen…</translation>
    </message>
    <message>
        <source>&amp;Revoke selected device…</source>
        <translation>Ausgewähltes Gerät &amp;sperren…</translation>
    </message>
    <message>
        <source>Invitation written: {file}. Take it to the laptop (e.g. on the USB stick) and open it there under Handover.</source>
        <translation>Einladung geschrieben: {file}. Bringen Sie sie zum Laptop (z. B. auf dem USB-Stick) und öffnen Sie sie dort unter Übergabe.</translation>
    </message>
    <message>
        <source>Choose the laptop&apos;s join request</source>
        <translation>Beitrittsanfrage des Laptops wählen</translation>
    </message>
    <message>
        <source>{name} is enrolled. Its first handover file is in the folder; the laptop imports it with &quot;Hand over&quot;.</source>
        <translation>{name} ist aufgenommen. Die erste Übergabedatei liegt im Ordner; der Laptop übernimmt sie mit „Übergeben“.</translation>
    </message>
    <message>
        <source>Select a device first.</source>
        <translation>Bitte zuerst ein Gerät auswählen.</translation>
    </message>
    <message>
        <source>Revoke device</source>
        <translation>Gerät sperren</translation>
    </message>
    <message>
        <source>Revoke {name}? It can then no longer hand anything over; this cannot be undone.</source>
        <translation>{name} sperren? Das Gerät kann danach nichts mehr übergeben; das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>Choose the office&apos;s invitation</source>
        <translation>Einladung des Büros wählen</translation>
    </message>
    <message>
        <source>Compare the code</source>
        <translation>Code vergleichen</translation>
    </message>
    <message>
        <source>The join request is in the handover folder. Compare this code with the office&apos;s screen before it enrolls this laptop:

{code}

Office key: {fingerprint}</source>
        <translation>Die Beitrittsanfrage liegt im Übergabeordner. Vergleichen Sie diesen Code mit dem Bildschirm des Büros, bevor es diesen Laptop aufnimmt:

{code}

Schlüssel des Büros: {fingerprint}</translation>
    </message>
    <message>
        <source>Automatic handover is on: it starts by itself when the handover folder is reachable.</source>
        <translation>Die automatische Übergabe ist an: Sie beginnt von selbst, sobald der Übergabeordner erreichbar ist.</translation>
    </message>
    <message>
        <source>Automatic handover is off (see Settings).</source>
        <translation>Die automatische Übergabe ist aus (siehe Einstellungen).</translation>
    </message>
    <message>
        <source>The handover folder is reachable: handing over automatically…</source>
        <translation>Der Übergabeordner ist erreichbar: Übergabe läuft automatisch…</translation>
    </message>
    <message>
        <source>The handover folder was reachable at {time}, but this laptop is not enrolled (or was revoked): nothing was handed over.</source>
        <translation>Der Übergabeordner war um {time} erreichbar, aber dieser Laptop ist nicht aufgenommen (oder wurde gesperrt): Es wurde nichts übergeben.</translation>
    </message>
    <message>
        <source>Automatic handover at {time} failed: {error} It is tried again when the folder is next reachable.</source>
        <translation>Automatische Übergabe um {time} fehlgeschlagen: {error} Sie wird wiederholt, sobald der Ordner wieder erreichbar ist.</translation>
    </message>
    <message>
        <source>Checked automatically at {time}: nothing new.</source>
        <translation>Automatisch geprüft um {time}: nichts Neues.</translation>
    </message>
    <message>
        <source>Automatic handover at {time}: {what}.</source>
        <translation>Übergabe automatisch um {time}: {what}.</translation>
    </message>
    <message>
        <source>Choose the handover folder</source>
        <translation>Übergabeordner wählen</translation>
    </message>
    <message>
        <source>A handover is running already.</source>
        <translation>Eine Übergabe läuft bereits.</translation>
    </message>
    <message>
        <source>Warning: the office&apos;s audit log was cut or rewritten after a handover had confirmed it. Run &quot;Verify chain&quot; on the office&apos;s audit tab.</source>
        <translation>Warnung: Das Protokoll des Büros wurde gekürzt oder neu geschrieben, nachdem eine Übergabe es bestätigt hatte. Prüfen Sie es im Büro auf dem Reiter „Protokoll“ mit „Kette prüfen“.</translation>
    </message>
    <message>
        <source>Choose the handover folder first.</source>
        <translation>Bitte zuerst den Übergabeordner wählen.</translation>
    </message>
    <message>
        <source>Handing over…</source>
        <translation>Übergabe läuft…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stopping… files already taken in stay complete, the rest waits for next time.</source>
        <translation>Wird beendet… bereits übernommene Dateien bleiben vollständig, der Rest wartet auf das nächste Mal.</translation>
    </message>
    <message>
        <source>The handover was cancelled before it started; nothing changed.</source>
        <translation>Die Übergabe wurde vor dem Start abgebrochen; es hat sich nichts geändert.</translation>
    </message>
    <message>
        <source>This laptop is not enrolled yet: join the office with its invitation file.</source>
        <translation>Dieser Laptop ist noch nicht aufgenommen: Treten Sie mit der Einladungsdatei des Büros bei.</translation>
    </message>
    <message>
        <source>This laptop was revoked by the office; it can no longer hand over.</source>
        <translation>Dieser Laptop wurde vom Büro gesperrt; er kann nichts mehr übergeben.</translation>
    </message>
    <message>
        <source>{name}: {pending}, last confirmation {when}.</source>
        <translation>{name}: {pending}, letzte Bestätigung {when}.</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Büro</translation>
    </message>
    <message>
        <source>  Missing files from {name}: {numbers}</source>
        <translation>  Fehlende Dateien von {name}: {numbers}</translation>
    </message>
    <message>
        <source>Not handed over: {pending} · last confirmation: {when} · conflicts waiting: {conflicts}</source>
        <translation>Nicht übergeben: {pending} · letzte Bestätigung: {when} · offene Konflikte: {conflicts}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>noch nie</translation>
    </message>
    <message>
        <source>The handover was stopped. Files already taken in are complete; the rest, and sending, wait for the next handover.</source>
        <translation>Die Übergabe wurde angehalten. Bereits übernommene Dateien sind vollständig; der Rest und das Senden folgen bei der nächsten Übergabe.</translation>
    </message>
    <message>
        <source>Nothing new to send.</source>
        <translation>Nichts Neues zu senden.</translation>
    </message>
    <message>
        <source>Nothing new arrived.</source>
        <translation>Nichts Neues angekommen.</translation>
    </message>
    <message>
        <source>from the office</source>
        <translation>vom Büro</translation>
    </message>
    <message>
        <source>nothing new</source>
        <translation>nichts Neues</translation>
    </message>
    <message>
        <source>automatic</source>
        <translation>automatisch</translation>
    </message>
    <message>
        <source>by the button</source>
        <translation>per Schaltfläche</translation>
    </message>
    <message>
        <source>stopped before the end</source>
        <translation>vor dem Ende angehalten</translation>
    </message>
    <message>
        <source>{when} · {how}: {what}</source>
        <translation>{when} · {how}: {what}</translation>
    </message>
    <message>
        <source>Written again for {recipient}: the last handover file had gone from the folder before it was confirmed.</source>
        <translation>Neu geschrieben für {recipient}: Die letzte Übergabedatei war aus dem Ordner verschwunden, bevor sie bestätigt wurde.</translation>
    </message>
    <message>
        <source>Sent to {recipient}: {changes}, {blobs}.</source>
        <translation>Gesendet an {recipient}: {changes}, {blobs}.</translation>
    </message>
    <message numerus="yes">
        <source>Refused earlier, still in the folder: {files} (delete them if nobody needs them).</source>
        <translation>
            <numerusform>Schon früher abgelehnt, liegt noch im Ordner: {files} (löschen Sie die Datei, wenn niemand sie braucht).</numerusform>
            <numerusform>Schon früher abgelehnt, liegen noch im Ordner: {files} (löschen Sie die Dateien, wenn niemand sie braucht).</numerusform>
        </translation>
    </message>
    <message>
        <source>from {name}</source>
        <translation>von {name}</translation>
    </message>
    <message>
        <source>Received {sender}: {applied}, {conflicts}.</source>
        <translation>Erhalten {sender}: {applied}, {conflicts}.</translation>
    </message>
    <message>
        <source>the office</source>
        <translation>das Büro</translation>
    </message>
    <message>
        <source>Still missing from {sender}: handover files {numbers}. Bring them the next time.</source>
        <translation>Es fehlen noch von {sender}: Übergabedateien {numbers}. Bitte beim nächsten Mal mitbringen.</translation>
    </message>
    <message>
        <source>Refused file {file}: {reason}</source>
        <translation>Abgelehnte Datei {file}: {reason}</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>&amp;Write a new join request…</source>
        <translation>Neue Beitrittsanfrage &amp;schreiben…</translation>
    </message>
    <message>
        <source>Waiting for the office: the join request has been written. Give it to the office (e.g. on the USB stick); once the office has enrolled this laptop, press &quot;Hand over&quot; with the office&apos;s handover file in the folder. Lost the request? Write a new one with the invitation.</source>
        <translation>Warten auf das Büro: Die Beitrittsanfrage ist geschrieben. Geben Sie sie dem Büro (z. B. auf dem USB-Stick); sobald das Büro diesen Laptop aufgenommen hat, drücken Sie „Übergeben“, während die Übergabedatei des Büros im Ordner liegt. Anfrage verloren? Schreiben Sie mit der Einladung eine neue.</translation>
    </message>
    <message numerus="yes">
        <source>%n warnings recorded (e.g. a device restored from a backup); see the command line &apos;sync status&apos;.</source>
        <translation>
            <numerusform>%n Warnung vermerkt (z. B. ein aus einer Sicherung wiederhergestelltes Gerät); siehe Kommandozeile „sync status“.</numerusform>
            <numerusform>%n Warnungen vermerkt (z. B. ein aus einer Sicherung wiederhergestelltes Gerät); siehe Kommandozeile „sync status“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes were refused (not allowed for the sender, or invalid) and kept for the office to inspect.</source>
        <translation>
            <numerusform>%n Änderung wurde abgelehnt (für den Absender nicht erlaubt oder ungültig) und für das Büro zur Prüfung aufbewahrt.</numerusform>
            <numerusform>%n Änderungen wurden abgelehnt (für den Absender nicht erlaubt oder ungültig) und für das Büro zur Prüfung aufbewahrt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes handed over</source>
        <translation>
            <numerusform>%n Änderung übergeben</numerusform>
            <numerusform>%n Änderungen übergeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n documents handed over</source>
        <translation>
            <numerusform>%n Dokument übergeben</numerusform>
            <numerusform>%n Dokumente übergeben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes received</source>
        <translation>
            <numerusform>%n Änderung erhalten</numerusform>
            <numerusform>%n Änderungen erhalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files refused</source>
        <translation>
            <numerusform>%n Datei abgelehnt</numerusform>
            <numerusform>%n Dateien abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n Änderung</numerusform>
            <numerusform>%n Änderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n Dokument</numerusform>
            <numerusform>%n Dokumente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes are in the folder already, not yet confirmed by {recipient}.</source>
        <translation>
            <numerusform>%n Änderung liegt schon im Ordner; {recipient} hat sie noch nicht bestätigt.</numerusform>
            <numerusform>%n Änderungen liegen schon im Ordner; {recipient} hat sie noch nicht bestätigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} refused %n changes from this store; the office can inspect them.</source>
        <translation>
            <numerusform>Abgelehnt von {name}: %n Änderung dieses Datenbestands; das Büro kann sie prüfen.</numerusform>
            <numerusform>Abgelehnt von {name}: %n Änderungen dieses Datenbestands; das Büro kann sie prüfen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes applied</source>
        <translation>
            <numerusform>%n Änderung übernommen</numerusform>
            <numerusform>%n Änderungen übernommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts to review</source>
        <translation>
            <numerusform>%n Konflikt zu prüfen</numerusform>
            <numerusform>%n Konflikte zu prüfen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Alert: %n changes from {name} were refused (not allowed or invalid); see the command line &apos;sync quarantine&apos;.</source>
        <translation>
            <numerusform>Warnung: %n Änderung wurde abgelehnt (nicht erlaubt oder ungültig), Absender: {name}; siehe Kommandozeile „sync quarantine“.</numerusform>
            <numerusform>Warnung: %n Änderungen wurden abgelehnt (nicht erlaubt oder ungültig), Absender: {name}; siehe Kommandozeile „sync quarantine“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes waiting</source>
        <translation>
            <numerusform>%n Änderung wartet</numerusform>
            <numerusform>%n Änderungen warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files had been received before.</source>
        <translation>
            <numerusform>%n Datei war schon früher angekommen.</numerusform>
            <numerusform>%n Dateien waren schon früher angekommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files for other devices were left in the folder.</source>
        <translation>
            <numerusform>%n Datei für andere Geräte blieb im Ordner.</numerusform>
            <numerusform>%n Dateien für andere Geräte blieben im Ordner.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finished files were removed from the folder.</source>
        <translation>
            <numerusform>%n erledigte Datei wurde aus dem Ordner entfernt.</numerusform>
            <numerusform>%n erledigte Dateien wurden aus dem Ordner entfernt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts were decided on another device; they are closed here too.</source>
        <translation>
            <numerusform>%n Konflikt wurde auf einem anderen Gerät entschieden; er ist auch hier geschlossen.</numerusform>
            <numerusform>%n Konflikte wurden auf einem anderen Gerät entschieden; sie sind auch hier geschlossen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your texts were replaced by a decision made elsewhere: see Conflicts.</source>
        <translation>
            <numerusform>%n Ihrer Texte wurde durch eine Entscheidung an anderer Stelle ersetzt: siehe Konflikte.</numerusform>
            <numerusform>%n Ihrer Texte wurden durch eine Entscheidung an anderer Stelle ersetzt: siehe Konflikte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Handing over… {progress} files taken in.</source>
        <translation>Übergabe läuft… {progress} Dateien übernommen.</translation>
    </message>
</context>
<context>
    <name>LaptopDataBox</name>
    <message>
        <source>Data on this laptop</source>
        <translation>Daten auf diesem Laptop</translation>
    </message>
    <message>
        <source>Remo&amp;ve closed cases from this laptop once the office has confirmed them</source>
        <translation>Abgeschlossene Fälle von diesem Laptop &amp;entfernen, sobald das Büro sie bestätigt hat</translation>
    </message>
    <message>
        <source>Keep &amp;documents at the office only</source>
        <translation>&amp;Dokumente nur im Büro aufbewahren</translation>
    </message>
    <message>
        <source>A closed case leaves the laptop after the next handover that confirms it; the office keeps it.</source>
        <translation>Ein abgeschlossener Fall verlässt den Laptop nach der nächsten Übergabe, die ihn bestätigt; das Büro behält ihn.</translation>
    </message>
    <message>
        <source>Documents the office holds are not stored here; the list still shows them. New ones stay until confirmed.</source>
        <translation>Dokumente, die das Büro hat, werden hier nicht gespeichert; die Liste zeigt sie weiter. Neue bleiben bis zur Bestätigung.</translation>
    </message>
    <message>
        <source>Closed cases removed from this laptop now: {count}.</source>
        <translation>Jetzt von diesem Laptop entfernte abgeschlossene Fälle: {count}.</translation>
    </message>
    <message>
        <source>Documents removed from this laptop now: {count}.</source>
        <translation>Jetzt von diesem Laptop entfernte Dokumente: {count}.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Gespeichert.</translation>
    </message>
</context>
<context>
    <name>LetterDialog</name>
    <message>
        <source>Complaint letter for case {number}</source>
        <translation>Beschwerdebrief zu Fall {number}</translation>
    </message>
    <message>
        <source>Name and postal address of the recipient, at most six lines</source>
        <translation>Name und Postanschrift der Empfängerin bzw. des Empfängers, höchstens sechs Zeilen</translation>
    </message>
    <message>
        <source>After saving, record a done intervention &quot;Complaint letter&quot; on the case</source>
        <translation>Nach dem Speichern eine erledigte Intervention „Beschwerdebrief“ im Fall eintragen</translation>
    </message>
    <message>
        <source>&amp;Recipient:</source>
        <translation>&amp;Empfänger*in:</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>&amp;Betreff:</translation>
    </message>
    <message>
        <source>&amp;Date of the letter:</source>
        <translation>&amp;Datum des Briefs:</translation>
    </message>
    <message>
        <source>&amp;Text:</source>
        <translation>&amp;Text:</translation>
    </message>
    <message>
        <source>The letterhead, sender address and signature come from the organisation profile. A blank line starts a new paragraph; **bold** prints bold.</source>
        <translation>Briefkopf, Absender und Unterschrift kommen aus dem Organisationsprofil. Eine Leerzeile beginnt einen neuen Absatz; **fett** wird fett gedruckt.</translation>
    </message>
    <message>
        <source>Save &amp;PDF…</source>
        <translation>&amp;PDF speichern…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>S&amp;chließen</translation>
    </message>
    <message>
        <source>Save the letter as</source>
        <translation>Brief speichern unter</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saved: {file}</source>
        <translation>Gespeichert: {file}</translation>
    </message>
    <message>
        <source>The intervention &quot;Complaint letter&quot; was recorded on the case.</source>
        <translation>Die Intervention „Beschwerdebrief“ wurde im Fall eingetragen.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>BeratungsDesk – {name}</source>
        <extracomment>After the first load is asked for, pages are built in idle time from then on. The navigation: page name, icon, shortcut (labels in MainWindow._page_label).</extracomment>
        <translation>BeratungsDesk – {name}</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Outreach day</source>
        <translation>Außentermin</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Klient*innen</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Büro</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Sperren</translation>
    </message>
    <message>
        <source>Lock the program (Ctrl+L)</source>
        <translation>Programm sperren (Strg+L)</translation>
    </message>
    <message>
        <source>office</source>
        <translation>Büro</translation>
    </message>
    <message>
        <source>counselor laptop</source>
        <translation>Laptop einer Beratungskraft</translation>
    </message>
    <message>
        <source>Store: {name} ({role})</source>
        <translation>Datenbestand: {name} ({role})</translation>
    </message>
    <message>
        <source>Handover state</source>
        <translation>Stand der Übergabe</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Arbeitet…</translation>
    </message>
    <message>
        <source>Prevention</source>
        <translation>Prävention</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>Neuer Fall</translation>
    </message>
    <message>
        <source>Hand over now</source>
        <translation>Jetzt übergeben</translation>
    </message>
    <message>
        <source>A draft belonged to a case that no longer exists; it was removed.</source>
        <translation>Ein Entwurf gehörte zu einem Fall, den es nicht mehr gibt; er wurde entfernt.</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
</context>
<context>
    <name>MemberNameDialog</name>
    <message>
        <source>Correct the name</source>
        <translation>Namen korrigieren</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>The cases, contacts and notes of this counselor show the new name; the laptops receive it with the next handover.</source>
        <translation>Die Fälle, Kontakte und Notizen dieser Beratungskraft zeigen den neuen Namen; die Laptops erhalten ihn mit der nächsten Übergabe.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Initials:</source>
        <translation>&amp;Kürzel:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Please enter a name.</source>
        <translation>Bitte einen Namen eingeben.</translation>
    </message>
</context>
<context>
    <name>NetworkForms</name>
    <message>
        <source>Workshop request</source>
        <translation>Workshop-Anfrage</translation>
    </message>
    <message>
        <source>New network partner</source>
        <translation>Neuer Netzwerkpartner</translation>
    </message>
    <message>
        <source>who asked for it</source>
        <translation>wer ihn angefragt hat</translation>
    </message>
    <message>
        <source>Only for offers over several days</source>
        <translation>Nur für Angebote über mehrere Tage</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>durch Kommas getrennt</translation>
    </message>
    <message>
        <source>phone, e-mail, address</source>
        <translation>Telefon, E-Mail, Anschrift</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>Target &amp;group:</source>
        <translation>&amp;Zielgruppe:</translation>
    </message>
    <message>
        <source>To&amp;wn:</source>
        <translation>O&amp;rt:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;End date:</source>
        <translation>&amp;Enddatum:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>Da&amp;uer:</translation>
    </message>
    <message>
        <source>&amp;Participants:</source>
        <translation>Tei&amp;lnehmende:</translation>
    </message>
    <message>
        <source>T&amp;rainers:</source>
        <translation>Tra&amp;iner*innen:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>Sta&amp;tus:</translation>
    </message>
    <message>
        <source>&amp;Follow-up:</source>
        <translation>&amp;Weiteres Vorgehen:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notizen:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Contact &amp;person:</source>
        <translation>Ansprech&amp;person:</translation>
    </message>
    <message>
        <source>Con&amp;tact details:</source>
        <translation>&amp;Kontaktdaten:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otizen:</translation>
    </message>
    <message>
        <source>&amp;Partners:</source>
        <translation>&amp;Partner:</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Thema:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Ergebnis:</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
</context>
<context>
    <name>NetworkView</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Teilnehmende</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Workshops</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>New workshop</source>
        <translation>Neuer Workshop</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Ansprechperson</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Fall</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Prevention &amp; network</source>
        <translation>Prävention &amp; Netzwerk</translation>
    </message>
    <message>
        <source>Network partners</source>
        <translation>Netzwerkpartner</translation>
    </message>
    <message>
        <source>Cooperation meetings</source>
        <translation>Kooperationstreffen</translation>
    </message>
    <message>
        <source>All years</source>
        <translation>Alle Jahre</translation>
    </message>
    <message>
        <source>&amp;New workshop</source>
        <translation>Neuer Wor&amp;kshop</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Jeder Status</translation>
    </message>
    <message>
        <source>All towns</source>
        <translation>Alle Orte</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <source>Columns: Datum, Art, Organisation, Zielgruppe, Ort, Teilnehmende, Stunden, Status</source>
        <translation>Spalten: Datum, Art, Organisation, Zielgruppe, Ort, Teilnehmende, Stunden, Status</translation>
    </message>
    <message>
        <source>&amp;New partner</source>
        <translation>Neuer Par&amp;tner</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle Arten</translation>
    </message>
    <message>
        <source>Delete &quot;{title}&quot;? It disappears on every laptop with the next handover.</source>
        <translation>„{title}“ löschen? Der Eintrag verschwindet mit der nächsten Übergabe auf allen Laptops.</translation>
    </message>
    <message>
        <source>Search…</source>
        <translation>Suchen…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Columns: Name, Art, Ort, Ansprechperson, Kontakt</source>
        <translation>Spalten: Name, Art, Ort, Ansprechperson, Kontakt</translation>
    </message>
    <message>
        <source>&amp;New meeting</source>
        <translation>&amp;Neues Treffen</translation>
    </message>
    <message>
        <source>New cooperation meeting</source>
        <translation>Neues Kooperationstreffen</translation>
    </message>
    <message>
        <source>Meetings with this partner</source>
        <translation>Treffen mit diesem Partner</translation>
    </message>
    <message>
        <source>Referrals with this partner</source>
        <translation>Vermittlungen mit diesem Partner</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Treffen</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Vermittlungen</translation>
    </message>
    <message>
        <source>New network partner</source>
        <translation>Neuer Netzwerkpartner</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Please correct the marked fields; nothing was saved.</source>
        <translation>Bitte die markierten Felder korrigieren; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>Workshop of {date}</source>
        <translation>Workshop vom {date}</translation>
    </message>
    <message>
        <source>Meeting of {date}</source>
        <translation>Treffen vom {date}</translation>
    </message>
    <message>
        <source>Entries: {count}</source>
        <translation>Einträge: {count}</translation>
    </message>
    <message>
        <source>{file}: {added} added, {present} already present.</source>
        <translation>{file}: {added} hinzugefügt, {present} schon vorhanden.</translation>
    </message>
    <message>
        <source>Meetings ({count})</source>
        <translation>Treffen ({count})</translation>
    </message>
    <message>
        <source>Referrals ({count})</source>
        <translation>Vermittlungen ({count})</translation>
    </message>
    <message>
        <source>Nothing was imported from {file}:</source>
        <translation>Aus {file} wurde nichts importiert:</translation>
    </message>
    <message>
        <source>&amp;Import table…</source>
        <translation>Tabelle i&amp;mportieren…</translation>
    </message>
    <message>
        <source>I&amp;mport table…</source>
        <translation>Tabelle i&amp;mportieren…</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>Neuer Fall</translation>
    </message>
    <message>
        <source>Client code</source>
        <translation>Klient*innen-Kürzel</translation>
    </message>
    <message>
        <source>e.g. K-0815 (a known code adds a case to that client)</source>
        <translation>z. B. K-0815 (ein bekanntes Kürzel ergänzt einen Fall dieser Person)</translation>
    </message>
    <message>
        <source>Area of life</source>
        <translation>Lebensbereich</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>Eröffnet am</translation>
    </message>
    <message>
        <source>(nobody yet)</source>
        <translation>(noch niemand)</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>&amp;Client code:</source>
        <translation>&amp;Klient*innen-Kürzel:</translation>
    </message>
    <message>
        <source>&amp;Area of life:</source>
        <translation>&amp;Lebensbereich:</translation>
    </message>
    <message>
        <source>&amp;Opened on:</source>
        <translation>&amp;Eröffnet am:</translation>
    </message>
    <message>
        <source>C&amp;ounselor:</source>
        <translation>&amp;Beratungskraft:</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Fall anlegen</translation>
    </message>
    <message>
        <source>Client code is required.</source>
        <translation>Das Klient*innen-Kürzel fehlt.</translation>
    </message>
</context>
<context>
    <name>OfficeHoursDialog</name>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Uhrzeit</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Berater*in</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Office hours</source>
        <translation>Sprechstunden</translation>
    </message>
    <message>
        <source>(nobody in particular)</source>
        <translation>(niemand bestimmtes)</translation>
    </message>
    <message>
        <source>Weekday:</source>
        <translation>Wochentag:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>Bis:</translation>
    </message>
    <message>
        <source>Town:</source>
        <translation>Stadt:</translation>
    </message>
    <message>
        <source>Counselor:</source>
        <translation>Berater*in:</translation>
    </message>
    <message>
        <source>Place:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <source>&amp;Add office hour</source>
        <translation>Sprechstunde &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Ausgewählte entfernen</translation>
    </message>
    <message>
        <source>Select an office hour first.</source>
        <translation>Bitte zuerst eine Sprechstunde auswählen.</translation>
    </message>
</context>
<context>
    <name>OfficeView</name>
    <message>
        <source>Areas of life</source>
        <extracomment>The lists the office may extend, with their names as shown.</extracomment>
        <translation>Lebensbereiche</translation>
    </message>
    <message>
        <source>Grounds</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Forms of racism</source>
        <translation>Formen von Rassismus</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>Ebenen</translation>
    </message>
    <message>
        <source>Interventions</source>
        <translation>Interventionen</translation>
    </message>
    <message>
        <source>Contact channels</source>
        <translation>Kontaktwege</translation>
    </message>
    <message>
        <source>Respondents</source>
        <translation>Verursachende Stellen</translation>
    </message>
    <message>
        <source>Towns</source>
        <translation>Orte</translation>
    </message>
    <message>
        <source>Age groups</source>
        <translation>Altersgruppen</translation>
    </message>
    <message>
        <source>Workshop types</source>
        <translation>Workshop-Arten</translation>
    </message>
    <message>
        <source>Kinds of network partners</source>
        <translation>Arten von Netzwerkpartnern</translation>
    </message>
    <message>
        <source>Name</source>
        <extracomment>Profile lines edited here; the report&apos;s section texts are in gui/report_texts.py (the prevention offers and the access export&apos;s privacy text stay on the command line).</extracomment>
        <translation>Name</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In Verwendung</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>Büro</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Organisation profile</source>
        <translation>Organisationsprofil</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message>
        <source>Name of the new counselor</source>
        <translation>Name der neuen Beratungskraft</translation>
    </message>
    <message>
        <source>Initials of the new counselor</source>
        <translation>Kürzel der neuen Beratungskraft</translation>
    </message>
    <message>
        <source>&amp;Add to the team</source>
        <translation>Zum Team &amp;hinzufügen</translation>
    </message>
    <message>
        <source>Mark selected as active / inactive</source>
        <translation>Ausgewählte aktiv / inaktiv setzen</translation>
    </message>
    <message>
        <source>Inactive counselors stay in old cases but are no longer offered.</source>
        <translation>Inaktive Beratungskräfte bleiben in alten Fällen erhalten, werden aber nicht mehr angeboten.</translation>
    </message>
    <message>
        <source>Please enter a name.</source>
        <translation>Bitte einen Namen eingeben.</translation>
    </message>
    <message>
        <source>Select a counselor first.</source>
        <translation>Bitte zuerst eine Beratungskraft auswählen.</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Entries of the list</source>
        <translation>Einträge der Liste</translation>
    </message>
    <message>
        <source>German label</source>
        <translation>Deutsche Bezeichnung</translation>
    </message>
    <message>
        <source>German label of the new entry</source>
        <translation>Deutsche Bezeichnung des neuen Eintrags</translation>
    </message>
    <message>
        <source>English label</source>
        <translation>Englische Bezeichnung</translation>
    </message>
    <message>
        <source>English label of the new entry</source>
        <translation>Englische Bezeichnung des neuen Eintrags</translation>
    </message>
    <message>
        <source>Add &amp;entry</source>
        <translation>&amp;Eintrag hinzufügen</translation>
    </message>
    <message>
        <source>Retire / reuse selected entry</source>
        <translation>Ausgewählten Eintrag stilllegen / wieder verwenden</translation>
    </message>
    <message>
        <source>List:</source>
        <translation>Liste:</translation>
    </message>
    <message>
        <source>Codes never change; a retired entry stays readable in old cases and figures. The laptops receive the lists with the next handover.</source>
        <translation>Codes ändern sich nie; ein stillgelegter Eintrag bleibt in alten Fällen und Zahlen lesbar. Die Laptops erhalten die Listen mit der nächsten Übergabe.</translation>
    </message>
    <message>
        <source>Please enter the German label.</source>
        <translation>Bitte die deutsche Bezeichnung eingeben.</translation>
    </message>
    <message>
        <source>Select an entry first.</source>
        <translation>Bitte zuerst einen Eintrag auswählen.</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Run by:</source>
        <translation>Träger:</translation>
    </message>
    <message>
        <source>Funded by:</source>
        <translation>Gefördert von:</translation>
    </message>
    <message>
        <source>Postal address:</source>
        <translation>Postanschrift:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefon:</translation>
    </message>
    <message>
        <source>Web:</source>
        <translation>Web:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-Mail:</translation>
    </message>
    <message>
        <source>Social media:</source>
        <translation>Soziale Medien:</translation>
    </message>
    <message>
        <source>Signature under letters:</source>
        <translation>Unterschrift unter Briefen:</translation>
    </message>
    <message>
        <source>Logo: unchanged</source>
        <translation>Logo: unverändert</translation>
    </message>
    <message>
        <source>Choose a &amp;logo…</source>
        <translation>&amp;Logo wählen…</translation>
    </message>
    <message>
        <source>&amp;Save profile</source>
        <translation>Profil &amp;speichern</translation>
    </message>
    <message>
        <source>The profile appears on the short report and on letters; the laptops receive it with the next handover. An empty line means the default.</source>
        <translation>Das Profil erscheint im Kurzbericht und auf Briefen; die Laptops erhalten es mit der nächsten Übergabe. Eine leere Zeile bedeutet die Voreinstellung.</translation>
    </message>
    <message>
        <source>Texts of the short report</source>
        <translation>Texte des Kurzberichts</translation>
    </message>
    <message>
        <source>Logo: set</source>
        <translation>Logo: vorhanden</translation>
    </message>
    <message>
        <source>Logo: none</source>
        <translation>Logo: keines</translation>
    </message>
    <message>
        <source>Choose a logo</source>
        <translation>Logo wählen</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Logo: {file} (save to apply)</source>
        <translation>Logo: {file} (wird beim Speichern übernommen)</translation>
    </message>
    <message>
        <source>The profile was saved.</source>
        <translation>Das Profil wurde gespeichert.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>&amp;Correct the name…</source>
        <translation>Namen &amp;korrigieren…</translation>
    </message>
    <message>
        <source>Correct the selected member&apos;s name or initials; their cases show the new name.</source>
        <translation>Namen oder Kürzel der ausgewählten Person korrigieren; ihre Fälle zeigen den neuen Namen.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Datensicherung</translation>
    </message>
</context>
<context>
    <name>OutreachView</name>
    <message>
        <source>Outreach day</source>
        <translation>Außentermin</translation>
    </message>
    <message>
        <source>For consultations on site: choose today&apos;s town once, then record each person with one form. Client, case and contact are saved together.</source>
        <translation>Für Beratungen vor Ort: Ort des Tages einmal wählen, dann jede Person mit einem Formular erfassen. Klient*in, Fall und Kontakt werden zusammen gespeichert.</translation>
    </message>
    <message>
        <source>Town of today&apos;s consultation</source>
        <translation>Ort der heutigen Beratung</translation>
    </message>
    <message>
        <source>Date of the consultation</source>
        <translation>Datum der Beratung</translation>
    </message>
    <message>
        <source>e.g. town hall, room 2</source>
        <translation>z. B. Rathaus, Raum 2</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>(niemand)</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>1  Where and when</source>
        <translation>1  Wo und wann</translation>
    </message>
    <message>
        <source>&amp;Town:</source>
        <translation>&amp;Ort:</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>&amp;Datum:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>S&amp;telle:</translation>
    </message>
    <message>
        <source>C&amp;ounselor:</source>
        <translation>&amp;Beratungskraft:</translation>
    </message>
    <message>
        <source>new or known client code</source>
        <translation>neues oder bekanntes Kürzel</translation>
    </message>
    <message>
        <source>Client code</source>
        <translation>Klient*innen-Kürzel</translation>
    </message>
    <message>
        <source>Area of life</source>
        <translation>Lebensbereich</translation>
    </message>
    <message>
        <source>Language of the conversation</source>
        <translation>Sprache des Gesprächs</translation>
    </message>
    <message>
        <source>2  Client and concern</source>
        <translation>2  Person und Anliegen</translation>
    </message>
    <message>
        <source>&amp;Client code:</source>
        <translation>&amp;Klient*innen-Kürzel:</translation>
    </message>
    <message>
        <source>&amp;Area of life:</source>
        <translation>&amp;Lebensbereich:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>Duration in minutes</source>
        <translation>Dauer in Minuten</translation>
    </message>
    <message>
        <source>with interpreter</source>
        <translation>mit Dolmetscher*in</translation>
    </message>
    <message>
        <source>&amp;Save client, case and contact</source>
        <translation>Klient*in, Fall und Kontakt &amp;speichern</translation>
    </message>
    <message>
        <source>3  Conversation</source>
        <translation>3  Gespräch</translation>
    </message>
    <message>
        <source>Timer:</source>
        <translation>Zeitmessung:</translation>
    </message>
    <message>
        <source>D&amp;uration:</source>
        <translation>D&amp;auer:</translation>
    </message>
    <message>
        <source>Saved today</source>
        <translation>Heute gespeichert</translation>
    </message>
    <message>
        <source>Saved today (double-click opens the case)</source>
        <translation>Heute gespeichert (Doppelklick öffnet den Fall)</translation>
    </message>
    <message>
        <source>Known client: the new case is added to it.</source>
        <translation>Bekannte Person: Der neue Fall wird ihr zugeordnet.</translation>
    </message>
    <message>
        <source>New client.</source>
        <translation>Neue Person.</translation>
    </message>
    <message>
        <source>Client code is required.</source>
        <translation>Das Klient*innen-Kürzel fehlt.</translation>
    </message>
    <message>
        <source>&amp;Workshop request…</source>
        <translation>&amp;Workshop-Anfrage…</translation>
    </message>
    <message>
        <source>New network &amp;partner…</source>
        <translation>&amp;Neuer Netzwerkpartner…</translation>
    </message>
    <message>
        <source>Prevention and network</source>
        <translation>Prävention und Netzwerk</translation>
    </message>
    <message>
        <source>Workshop request saved.</source>
        <translation>Workshop-Anfrage gespeichert.</translation>
    </message>
    <message>
        <source>Network partner saved: {name}</source>
        <translation>Netzwerkpartner gespeichert: {name}</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>{number} · {client} · {duration}</source>
        <translation>{number} · {client} · {duration}</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Mon</source>
        <extracomment>What the page reads again when these records change.</extracomment>
        <translation>Mo</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Di</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Mi</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Do</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fr</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sa</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>So</translation>
    </message>
    <message>
        <source>Overview</source>
        <extracomment>Where a line leads: (kind, target) in the item&apos;s user data. Emitted when the first part is on screen (the benchmark and the tests wait for it).</extracomment>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>My open cases</source>
        <translation>Meine offenen Fälle</translation>
    </message>
    <message>
        <source>Newest open cases</source>
        <translation>Neueste offene Fälle</translation>
    </message>
    <message>
        <source>Follow-ups due</source>
        <translation>Fällige Wiedervorlagen</translation>
    </message>
    <message>
        <source>Next handover</source>
        <translation>Nächste Übergabe</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Office hours…</source>
        <translation>Sprechstunden…</translation>
    </message>
    <message>
        <source>Today is {weekday}, {date}.</source>
        <translation>Heute ist {weekday}, {date}.</translation>
    </message>
    <message>
        <source>{number} opened {date}</source>
        <translation>{number} eröffnet am {date}</translation>
    </message>
    <message>
        <source>No open cases.</source>
        <translation>Keine offenen Fälle.</translation>
    </message>
    <message>
        <source>No follow-ups due.</source>
        <translation>Keine fälligen Wiedervorlagen.</translation>
    </message>
    <message>
        <source>{weekday} {date}, {start}–{end}, {town}</source>
        <translation>{weekday} {date}, {start}–{end}, {town}</translation>
    </message>
    <message>
        <source>Appointments, next 7 days</source>
        <translation>Termine der nächsten 7 Tage</translation>
    </message>
    <message>
        <source>Office hours, next 7 days</source>
        <translation>Sprechstunden der nächsten 7 Tage</translation>
    </message>
    <message>
        <source>No appointments in the next 7 days.</source>
        <translation>Keine Termine in den nächsten 7 Tagen.</translation>
    </message>
    <message>
        <source>No office hours in the next 7 days.</source>
        <translation>Keine Sprechstunden in den nächsten 7 Tagen.</translation>
    </message>
    <message>
        <source>Nothing needs attention.</source>
        <translation>Nichts braucht Aufmerksamkeit.</translation>
    </message>
    <message>
        <source>{date}: {number} – {what}</source>
        <translation>{date}: {number} – {what}</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>{day} {time}: {number}, {where}</source>
        <translation>{day} {time}: {number}, {where}</translation>
    </message>
    <message numerus="yes">
        <source>%n open conflicts to review</source>
        <translation>
            <numerusform>%n offener Konflikt zu prüfen</numerusform>
            <numerusform>%n offene Konflikte zu prüfen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases due for erasure (retention)</source>
        <translation>
            <numerusform>%n Fall zur Löschung fällig (Aufbewahrungsfrist)</numerusform>
            <numerusform>%n Fälle zur Löschung fällig (Aufbewahrungsfrist)</numerusform>
        </translation>
    </message>
    <message>
        <source>No backup folder is set up yet.</source>
        <translation>Noch kein Ordner für Sicherungen eingerichtet.</translation>
    </message>
    <message>
        <source>No good backup yet.</source>
        <translation>Noch keine fehlerfreie Sicherung.</translation>
    </message>
    <message>
        <source>Last backup: today.</source>
        <translation>Letzte Sicherung: heute.</translation>
    </message>
    <message numerus="yes">
        <source>Last backup: %n days ago.</source>
        <translation>
            <numerusform>Letzte Sicherung: vor %n Tag.</numerusform>
            <numerusform>Letzte Sicherung: vor %n Tagen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message>
        <source>To {name}: {cases}</source>
        <translation>An {name}: {cases}</translation>
    </message>
    <message>
        <source>the office</source>
        <translation>das Büro</translation>
    </message>
    <message>
        <source>Case {number}</source>
        <translation>Fall {number}</translation>
    </message>
    <message numerus="yes">
        <source>%n other records</source>
        <translation>
            <numerusform>%n weiterer Eintrag</numerusform>
            <numerusform>%n weitere Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>Last handover: {date}</source>
        <translation>Letzte Übergabe: {date}</translation>
    </message>
    <message>
        <source>No handover yet.</source>
        <translation>Noch keine Übergabe.</translation>
    </message>
</context>
<context>
    <name>PassphraseFields</name>
    <message>
        <source>New passphrase</source>
        <extracomment>Narrower pages wrap the explanations into too many lines.</extracomment>
        <translation>Neue Passphrase</translation>
    </message>
    <message>
        <source>Repeat the new passphrase</source>
        <translation>Neue Passphrase wiederholen</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Stärke der Passphrase</translation>
    </message>
    <message>
        <source>&amp;New passphrase:</source>
        <translation>&amp;Neue Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Repeat:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>Too short: use at least 10 characters, better a sentence of several words.</source>
        <translation>Zu kurz: mindestens 10 Zeichen, besser ein Satz aus mehreren Wörtern.</translation>
    </message>
    <message>
        <source>Good.</source>
        <translation>Gut.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Stark.</translation>
    </message>
    <message>
        <source>Tip: a sentence of four or more words is easy to remember and hard to guess.</source>
        <translation>Tipp: Ein Satz aus vier oder mehr Wörtern ist leicht zu merken und schwer zu erraten.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Too easy to guess: use a sentence of four or more words.</source>
        <translation>Zu leicht zu erraten: Nehmen Sie einen Satz aus vier oder mehr Wörtern.</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>{done} of {total}</source>
        <translation>{done} von {total}</translation>
    </message>
</context>
<context>
    <name>ReferralPanel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Vermittlungen</translation>
    </message>
    <message>
        <source>Add &amp;referral</source>
        <translation>&amp;Vermittlung hinzufügen</translation>
    </message>
    <message>
        <source>Delete selected referral</source>
        <translation>Ausgewählte Vermittlung löschen</translation>
    </message>
    <message>
        <source>New partners are added on the page &quot;Prevention&quot;.</source>
        <translation>Neue Partner werden auf der Seite „Prävention“ angelegt.</translation>
    </message>
    <message>
        <source>New referral</source>
        <translation>Neue Vermittlung</translation>
    </message>
    <message>
        <source>Delete referral</source>
        <translation>Vermittlung löschen</translation>
    </message>
    <message>
        <source>(choose a partner)</source>
        <translation>(Partner wählen)</translation>
    </message>
    <message>
        <source>Please choose a partner.</source>
        <translation>Bitte einen Partner wählen.</translation>
    </message>
    <message>
        <source>Select a referral first.</source>
        <translation>Bitte zuerst eine Vermittlung auswählen.</translation>
    </message>
    <message>
        <source>Delete the referral of {date}?</source>
        <translation>Die Vermittlung vom {date} löschen?</translation>
    </message>
    <message>
        <source>Partner:</source>
        <translation>Partner:</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Richtung:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Anlass:</translation>
    </message>
</context>
<context>
    <name>ReportTextsEditor</name>
    <message>
        <source>Introduction of each section of the short report. Leave a text empty to use the built-in one (shown in grey). A blank line starts a new paragraph; **bold** prints bold.</source>
        <translation>Einleitungstext jedes Abschnitts des Kurzberichts. Bleibt ein Text leer, gilt der eingebaute (grau angezeigt). Eine Leerzeile beginnt einen neuen Absatz; **fett** wird fett gedruckt.</translation>
    </message>
    <message>
        <source>Text of the section &quot;{title}&quot;</source>
        <translation>Text des Abschnitts „{title}“</translation>
    </message>
    <message>
        <source>(no text by default)</source>
        <translation>(standardmäßig kein Text)</translation>
    </message>
</context>
<context>
    <name>RetentionView</name>
    <message>
        <source>Case number</source>
        <translation>Fallnummer</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Abgeschlossen am</translation>
    </message>
    <message>
        <source>Due for erasure since</source>
        <translation>Zu löschen seit</translation>
    </message>
    <message>
        <source> years</source>
        <translation> Jahre</translation>
    </message>
    <message>
        <source>Years after the end of the closing year</source>
        <translation>Jahre nach Ende des Abschlussjahres</translation>
    </message>
    <message>
        <source>&amp;Save policy</source>
        <translation>Frist &amp;speichern</translation>
    </message>
    <message>
        <source>Cases due for erasure</source>
        <translation>Zu löschende Fälle</translation>
    </message>
    <message>
        <source>&amp;Erase due records…</source>
        <translation>Fällige Daten &amp;löschen…</translation>
    </message>
    <message>
        <source>Laptops erase due cases they hold on their own after the next handover. The anonymous figures of erased cases stay in the statistics.</source>
        <translation>Die Laptops löschen fällige Fälle, die sie noch haben, bei der nächsten Übergabe selbst. Die anonymen Zahlen gelöschter Fälle bleiben in der Statistik.</translation>
    </message>
    <message>
        <source>Erasing…</source>
        <translation>Wird gelöscht…</translation>
    </message>
    <message>
        <source>Keep closed cases for</source>
        <translation>Abgeschlossene Fälle aufbewahren:</translation>
    </message>
    <message>
        <source>after the end of the year in which they were closed.</source>
        <translation>nach Ende des Jahres, in dem sie abgeschlossen wurden.</translation>
    </message>
    <message>
        <source>Nothing is due for erasure.</source>
        <translation>Es ist nichts zu löschen.</translation>
    </message>
    <message>
        <source>The policy was saved; the laptops receive it with the next handover.</source>
        <translation>Die Frist wurde gespeichert; die Laptops erhalten sie mit der nächsten Übergabe.</translation>
    </message>
    <message>
        <source>Erase due records</source>
        <translation>Fällige Daten löschen</translation>
    </message>
    <message>
        <source>A case closed in {closed} is kept until 31 December {last} and erased from 1 January {due} on.</source>
        <translation>Ein {closed} abgeschlossener Fall wird bis zum 31. Dezember {last} aufbewahrt und ab dem 1. Januar {due} gelöscht.</translation>
    </message>
    <message>
        <source>Erase {cases} and {clients}?</source>
        <translation>{cases} und {clients} endgültig löschen?</translation>
    </message>
    <message>
        <source>{cases} due; {clients}</source>
        <translation>{cases} fällig; {clients}</translation>
    </message>
    <message numerus="yes">
        <source>%n cases whose retention has ended,</source>
        <translation>
            <numerusform>%n Fall, dessen Aufbewahrungsfrist abgelaufen ist,</numerusform>
            <numerusform>%n Fälle, deren Aufbewahrungsfrist abgelaufen ist,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clients who have no other case</source>
        <translation>
            <numerusform>%n Klient*in ohne weiteren Fall</numerusform>
            <numerusform>%n Klient*innen ohne weiteren Fall</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clients have no other case and are erased with them.</source>
        <translation>
            <numerusform>%n Klient*in hat keinen weiteren Fall und wird mit gelöscht.</numerusform>
            <numerusform>%n Klient*innen haben keinen weiteren Fall und werden mit gelöscht.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionTimer</name>
    <message>
        <source>Elapsed time</source>
        <translation>Vergangene Zeit</translation>
    </message>
    <message>
        <source>Start &amp;session</source>
        <translation>&amp;Gespräch starten</translation>
    </message>
    <message>
        <source>Start or stop the session timer</source>
        <translation>Zeitmessung des Gesprächs starten oder beenden</translation>
    </message>
    <message>
        <source>Stop &amp;session</source>
        <translation>&amp;Gespräch beenden</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source>Lock after inactivity (minutes)</source>
        <translation>Sperren nach Inaktivität (Minuten)</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>&amp;Lock after inactivity:</source>
        <translation>Sperren nach &amp;Inaktivität:</translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation>noch nicht gewählt</translation>
    </message>
    <message>
        <source>Handover folder</source>
        <translation>Übergabeordner</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>Wä&amp;hlen…</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Handover &amp;folder or USB stick:</source>
        <translation>Übergabe&amp;ordner oder USB-Stick:</translation>
    </message>
    <message>
        <source>Bundles in this folder are encrypted and signed; any folder can carry them (USB stick, network share, synchronised folder).</source>
        <translation>Die Übergabedateien in diesem Ordner sind verschlüsselt und signiert; jeder Ordner kann sie transportieren (USB-Stick, Netzlaufwerk, synchronisierter Ordner).</translation>
    </message>
    <message>
        <source>Hand over &amp;automatically when the folder is reachable</source>
        <translation>A&amp;utomatisch übergeben, sobald der Ordner erreichbar ist</translation>
    </message>
    <message>
        <source>While the program is unlocked: a laptop hands over its new work as soon as the USB stick is plugged in or the share is reachable; files arriving in the folder are taken in by themselves.</source>
        <translation>Solange das Programm entsperrt ist: Ein Laptop übergibt seine neue Arbeit, sobald der USB-Stick eingesteckt oder das Netzlaufwerk erreichbar ist; Dateien, die im Ordner ankommen, werden von selbst übernommen.</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Bisherige Passphrase</translation>
    </message>
    <message>
        <source>Change &amp;passphrase</source>
        <translation>P&amp;assphrase ändern</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>C&amp;urrent passphrase:</source>
        <translation>&amp;Bisherige Passphrase:</translation>
    </message>
    <message>
        <source>The language changes when the program starts next time.</source>
        <translation>Die Sprache wechselt beim nächsten Programmstart.</translation>
    </message>
    <message>
        <source>Choose the handover folder</source>
        <translation>Übergabeordner wählen</translation>
    </message>
    <message>
        <source>Please type the current passphrase.</source>
        <translation>Bitte die bisherige Passphrase eingeben.</translation>
    </message>
    <message>
        <source>Changing the passphrase…</source>
        <translation>Passphrase wird geändert…</translation>
    </message>
    <message>
        <source>The passphrase was changed. Use the new one from now on.</source>
        <translation>Die Passphrase wurde geändert. Verwenden Sie ab jetzt die neue.</translation>
    </message>
</context>
<context>
    <name>SideBySideDialog</name>
    <message>
        <source>Compare side by side</source>
        <extracomment>Texts longer than this (or with a line break) are shortened in the list: compare them side by side. Entities shown on the prevention page (no case to open). Marks a difference in the side-by-side panes.</extracomment>
        <translation>Nebeneinander vergleichen</translation>
    </message>
    <message>
        <source>Marked: where the two texts differ.</source>
        <translation>Markiert: wo sich die beiden Texte unterscheiden.</translation>
    </message>
    <message>
        <source>&amp;Keep the current value</source>
        <translation>&amp;Aktuellen Wert behalten</translation>
    </message>
    <message>
        <source>&amp;Take the other value</source>
        <translation>Anderen Wert &amp;übernehmen</translation>
    </message>
</context>
<context>
    <name>StatisticsView</name>
    <message>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Zeitraum von</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Zeitraum bis</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Dieses Jahr</translation>
    </message>
    <message>
        <source>Last year</source>
        <translation>Letztes Jahr</translation>
    </message>
    <message>
        <source>For publication (numbers below 3 withheld)</source>
        <translation>Zur Veröffentlichung (Zahlen unter 3 werden nicht gezeigt)</translation>
    </message>
    <message>
        <source>&amp;Calculate</source>
        <translation>&amp;Berechnen</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>to:</source>
        <translation>bis:</translation>
    </message>
    <message>
        <source>Short report (&amp;PDF)…</source>
        <translation>Kurzbericht (&amp;PDF)…</translation>
    </message>
    <message>
        <source>&amp;CSV export…</source>
        <translation>&amp;CSV-Export…</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>Zahlen</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Klient*innen</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Hours of counseling</source>
        <translation>Beratungsstunden</translation>
    </message>
    <message>
        <source>Hours per case</source>
        <translation>Stunden je Fall</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>Aufschlüsselung</translation>
    </message>
    <message>
        <source>Figures of the breakdown</source>
        <translation>Zahlen der Aufschlüsselung</translation>
    </message>
    <message>
        <source>Breakdown:</source>
        <translation>Aufschlüsselung:</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Speichern unter</translation>
    </message>
    <message>
        <source>Saved: {file}</source>
        <translation>Gespeichert: {file}</translation>
    </message>
    <message>
        <source>Bar chart of the chosen breakdown</source>
        <translation>Balkendiagramm der gewählten Aufschlüsselung</translation>
    </message>
    <message>
        <source>No figures for this period.</source>
        <translation>Für diesen Zeitraum gibt es keine Zahlen.</translation>
    </message>
</context>
<context>
    <name>TableImportDialog</name>
    <message>
        <source>Import table</source>
        <translation>Tabelle importieren</translation>
    </message>
    <message>
        <source>No file chosen.</source>
        <translation>Keine Datei gewählt.</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>Datei &amp;wählen…</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Workshops</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <source>Network partners</source>
        <translation>Netzwerkpartner</translation>
    </message>
    <message>
        <source>First rows of the table</source>
        <translation>Erste Zeilen der Tabelle</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>Gefundene Probleme</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>&amp;Rows are:</source>
        <translation>&amp;Zeilen sind:</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Blatt:</translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.xlsm *.ods *.csv *.txt);;All files (*)</source>
        <translation>Tabellen (*.xlsx *.xlsm *.ods *.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Checking the file…</source>
        <translation>Die Datei wird geprüft…</translation>
    </message>
    <message>
        <source>Nothing can be imported from this file until these problems are corrected:</source>
        <translation>Aus dieser Datei kann nichts übernommen werden, bis diese Probleme behoben sind:</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) checked, nothing written yet.</source>
        <translation>
            <numerusform>%n Zeile geprüft, noch nichts gespeichert.</numerusform>
            <numerusform>%n Zeilen geprüft, noch nichts gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read.</source>
        <translation>
            <numerusform>%n Zeile gelesen.</numerusform>
            <numerusform>%n Zeilen gelesen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) would be imported.</source>
        <translation>
            <numerusform>%n Fall würde übernommen.</numerusform>
            <numerusform>%n Fälle würden übernommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) imported.</source>
        <translation>
            <numerusform>%n Fall übernommen.</numerusform>
            <numerusform>%n Fälle übernommen.</numerusform>
        </translation>
    </message>
    <message>
        <source>New clients: {clients}, contacts: {contacts}, interventions: {interventions}.</source>
        <translation>Neue Klient*innen: {clients}, Kontakte: {contacts}, Interventionen: {interventions}.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were imported before and stay as they are.</source>
        <translation>
            <numerusform>%n Zeile wurde schon früher übernommen und bleibt, wie sie ist.</numerusform>
            <numerusform>%n Zeilen wurden schon früher übernommen und bleiben, wie sie sind.</numerusform>
        </translation>
    </message>
    <message>
        <source>New team members: {names}.</source>
        <translation>Neu im Team: {names}.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) would be added.</source>
        <translation>
            <numerusform>%n Eintrag würde hinzugefügt.</numerusform>
            <numerusform>%n Einträge würden hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) added.</source>
        <translation>
            <numerusform>%n Eintrag hinzugefügt.</numerusform>
            <numerusform>%n Einträge hinzugefügt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were already present.</source>
        <translation>
            <numerusform>%n Zeile war schon vorhanden.</numerusform>
            <numerusform>%n Zeilen waren schon vorhanden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>Die Datei wird gelesen…</translation>
    </message>
    <message>
        <source>Checking row {done} of {total}…</source>
        <translation>Zeile {done} von {total} wird geprüft…</translation>
    </message>
    <message numerus="yes">
        <source>Writing %n row(s)…</source>
        <translation>
            <numerusform>%n Zeile wird gespeichert…</numerusform>
            <numerusform>%n Zeilen werden gespeichert…</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported:</source>
        <translation>Es wurde nichts übernommen:</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <source>BeratungsDesk – unlock</source>
        <translation>BeratungsDesk – entsperren</translation>
    </message>
    <message>
        <source>BeratungsDesk</source>
        <translation>BeratungsDesk</translation>
    </message>
    <message>
        <source>Store: {folder}</source>
        <translation>Datenbestand: {folder}</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Entsperren</translation>
    </message>
    <message>
        <source>Open &amp;another store…</source>
        <translation>&amp;Anderen Datenbestand öffnen…</translation>
    </message>
    <message>
        <source>You can try again now.</source>
        <translation>Sie können es jetzt erneut versuchen.</translation>
    </message>
    <message>
        <source>Please type the passphrase.</source>
        <translation>Bitte geben Sie die Passphrase ein.</translation>
    </message>
    <message>
        <source>Choose the store folder</source>
        <translation>Ordner des Datenbestands wählen</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passphrases: please wait %n seconds.</source>
        <translation>
            <numerusform>Zu viele falsche Passphrasen: Bitte %n Sekunde warten.</numerusform>
            <numerusform>Zu viele falsche Passphrasen: Bitte %n Sekunden warten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_CalendarPopup</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
</context>
<context>
    <name>fields</name>
    <message>
        <source>Client code</source>
        <translation>Klient*innen-Kürzel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Fallnummer</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Klient*in</translation>
    </message>
    <message>
        <source>Opened on</source>
        <translation>Eröffnet am</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Abgeschlossen am</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Area of life</source>
        <translation>Lebensbereich</translation>
    </message>
    <message>
        <source>Grounds</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Forms of racism</source>
        <translation>Formen von Rassismus</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Ebene</translation>
    </message>
    <message>
        <source>Respondent</source>
        <translation>Verursachende Stelle</translation>
    </message>
    <message>
        <source>Relevant under the AGG</source>
        <translation>AGG-relevant</translation>
    </message>
    <message>
        <source>Town of the incident</source>
        <translation>Ort des Vorfalls</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>Duration (minutes)</source>
        <translation>Dauer (Minuten)</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kontaktweg</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Written at</source>
        <translation>Geschrieben am</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Stunden</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Teilnehmende</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Widerrufen am</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Erteilt am</translation>
    </message>
    <message>
        <source>Scope of consent</source>
        <translation>Umfang der Einwilligung</translation>
    </message>
    <message>
        <source>Retention (years)</source>
        <translation>Aufbewahrung (Jahre)</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Richtung</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Start of the period (--from)</source>
        <translation>Beginn des Zeitraums</translation>
    </message>
    <message>
        <source>End of the period (--to)</source>
        <translation>Ende des Zeitraums</translation>
    </message>
    <message>
        <source>Date of the figures (--as-of)</source>
        <translation>Stichtag der Zahlen</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>Ausgabedatei</translation>
    </message>
    <message>
        <source>Profile entry</source>
        <translation>Eintrag des Profils</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Letter text file</source>
        <translation>Datei mit dem Brieftext</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>Empfänger*in</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Letter text</source>
        <translation>Brieftext</translation>
    </message>
    <message>
        <source>Letter template</source>
        <translation>Briefvorlage</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Sachverhalt</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Counselor</source>
        <translation>Beratungskraft</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Kontaktdaten</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Sprachen</translation>
    </message>
    <message>
        <source>Age group</source>
        <translation>Altersgruppe</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Geschlecht</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>With interpreter</source>
        <translation>Mit Dolmetscher*in</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Initials</source>
        <translation>Kürzel</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>German label</source>
        <translation>Deutsche Bezeichnung</translation>
    </message>
    <message>
        <source>English label</source>
        <translation>Englische Bezeichnung</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Stillgelegt</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Target group</source>
        <translation>Zielgruppe</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>Trainer*innen</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Weiteres Vorgehen</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Ansprechperson</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>Thema</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Form of consent</source>
        <translation>Form der Einwilligung</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Client &amp;code</source>
        <translation>&amp;Kürzel</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>Con&amp;tact details</source>
        <translation>Kon&amp;taktdaten</translation>
    </message>
    <message>
        <source>&amp;Languages</source>
        <translation>S&amp;prachen</translation>
    </message>
    <message>
        <source>&amp;Age group</source>
        <translation>&amp;Altersgruppe</translation>
    </message>
    <message>
        <source>&amp;Gender</source>
        <translation>&amp;Geschlecht</translation>
    </message>
    <message>
        <source>To&amp;wn</source>
        <translation>Wohn&amp;ort</translation>
    </message>
    <message>
        <source>Case &amp;number</source>
        <translation>Fall&amp;nummer</translation>
    </message>
    <message>
        <source>&amp;Opened on</source>
        <translation>&amp;Eröffnet am</translation>
    </message>
    <message>
        <source>Closed o&amp;n</source>
        <translation>&amp;Abgeschlossen am</translation>
    </message>
    <message>
        <source>S&amp;tatus</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>C&amp;ounselor</source>
        <translation>Beratungs&amp;kraft</translation>
    </message>
    <message>
        <source>&amp;Area of life</source>
        <translation>&amp;Lebensbereich</translation>
    </message>
    <message>
        <source>&amp;Grounds</source>
        <translation>&amp;Merkmale</translation>
    </message>
    <message>
        <source>&amp;Forms of racism</source>
        <translation>&amp;Formen von Rassismus</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>E&amp;bene</translation>
    </message>
    <message>
        <source>Res&amp;pondent</source>
        <translation>&amp;Verursachende Stelle</translation>
    </message>
    <message>
        <source>Relevant under the A&amp;GG</source>
        <translation>A&amp;GG-relevant</translation>
    </message>
    <message>
        <source>&amp;Town of the incident</source>
        <translation>&amp;Ort des Vorfalls</translation>
    </message>
    <message>
        <source>Summar&amp;y</source>
        <translation>Sachver&amp;halt</translation>
    </message>
    <message>
        <source>O&amp;utcome</source>
        <translation>E&amp;rgebnis</translation>
    </message>
    <message>
        <source>separated by commas, e.g. Türkisch, Deutsch</source>
        <translation>durch Kommas getrennt, z. B. Türkisch, Deutsch</translation>
    </message>
    <message>
        <source>as the client describes it</source>
        <translation>in der Selbstbeschreibung der Person</translation>
    </message>
    <message>
        <source>Due on</source>
        <translation>Fällig am</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>Wochentag</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Endzeit</translation>
    </message>
    <message>
        <source>Date and time (--at)</source>
        <translation>Datum und Uhrzeit (--at)</translation>
    </message>
    <message>
        <source>Until (--until)</source>
        <translation>Bis (--until)</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Something went wrong ({code}).</source>
        <translation>Etwas ist schiefgegangen ({code}).</translation>
    </message>
    <message>
        <source>{field}: the value is not valid.</source>
        <translation>{field}: Der Wert ist ungültig.</translation>
    </message>
    <message numerus="yes">
        <source>{count} problems were found; nothing was changed.</source>
        <translation>
            <numerusform>{count} Problem wurde gefunden; es wurde nichts geändert.</numerusform>
            <numerusform>Es wurden {count} Probleme gefunden; es wurde nichts geändert.</numerusform>
        </translation>
    </message>
    <message>
        <source>{field} is required.</source>
        <translation>{field} fehlt.</translation>
    </message>
    <message>
        <source>{field}: &quot;{value}&quot; is not an entry of the list.</source>
        <translation>{field}: „{value}“ ist kein Eintrag der Liste.</translation>
    </message>
    <message>
        <source>{field}: &quot;{value}&quot; is not a date (use DD.MM.YYYY or YYYY-MM-DD).</source>
        <translation>{field}: „{value}“ ist kein Datum (TT.MM.JJJJ oder JJJJ-MM-TT verwenden).</translation>
    </message>
    <message>
        <source>{field}: the date {value} does not exist.</source>
        <translation>{field}: Das Datum {value} gibt es nicht.</translation>
    </message>
    <message>
        <source>{field}: &quot;{value}&quot; is not a time (use HH:MM).</source>
        <translation>{field}: „{value}“ ist keine Uhrzeit (HH:MM verwenden).</translation>
    </message>
    <message>
        <source>{field}: &quot;{value}&quot; is not a date and time.</source>
        <translation>{field}: „{value}“ ist kein Zeitpunkt.</translation>
    </message>
    <message>
        <source>{field}: &quot;{value}&quot; is not a number.</source>
        <translation>{field}: „{value}“ ist keine Zahl.</translation>
    </message>
    <message>
        <source>{field}: {value} is out of range.</source>
        <translation>{field}: {value} liegt außerhalb des erlaubten Bereichs.</translation>
    </message>
    <message>
        <source>{field}: contains an invisible control character ({value}) that is not allowed; remove it (it often comes with copied text).</source>
        <translation>{field}: enthält ein unsichtbares Steuerzeichen ({value}), das nicht erlaubt ist; bitte entfernen (es kommt oft mit kopiertem Text).</translation>
    </message>
    <message>
        <source>{field}: a case cannot close before it opened.</source>
        <translation>{field}: Ein Fall kann nicht vor seiner Eröffnung abgeschlossen werden.</translation>
    </message>
    <message>
        <source>{field}: a closed case needs a closing date.</source>
        <translation>{field}: Ein abgeschlossener Fall braucht ein Abschlussdatum.</translation>
    </message>
    <message>
        <source>{field}: a contact lasts more than 0 minutes and less than 24 hours.</source>
        <translation>{field}: Ein Kontakt dauert mehr als 0 Minuten und weniger als 24 Stunden.</translation>
    </message>
    <message>
        <source>The document is larger than {limit_mb} MB and cannot be stored.</source>
        <translation>Das Dokument ist größer als {limit_mb} MB und kann nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>This document is kept at the office only.</source>
        <translation>Dieses Dokument wird nur im Büro aufbewahrt.</translation>
    </message>
    <message>
        <source>{field}: the entry&apos;s code does not match its id.</source>
        <translation>{field}: Der Code des Eintrags passt nicht zu seiner Kennung.</translation>
    </message>
    <message>
        <source>Notes cannot be changed; write a new note that replaces the old one.</source>
        <translation>Notizen lassen sich nicht ändern; schreiben Sie eine neue Notiz, die die alte ersetzt.</translation>
    </message>
    <message>
        <source>{field} is not a field of this record.</source>
        <translation>{field} ist kein Feld dieses Eintrags.</translation>
    </message>
    <message>
        <source>No such {entity} was found.</source>
        <translation>Der gesuchte Eintrag ({entity}) wurde nicht gefunden.</translation>
    </message>
    <message>
        <source>Only the office may do that. On a laptop, ask the office to make the change.</source>
        <translation>Das darf nur das Büro. Auf einem Laptop bitten Sie das Büro um die Änderung.</translation>
    </message>
    <message>
        <source>The passphrase is wrong.</source>
        <translation>Die Passphrase ist falsch.</translation>
    </message>
    <message>
        <source>There is no store in this folder. Create one with &quot;init&quot; or choose another folder.</source>
        <translation>In diesem Ordner gibt es keinen Datenbestand. Legen Sie einen an oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>This folder already holds a store; nothing was changed.</source>
        <translation>In diesem Ordner liegt bereits ein Datenbestand; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The store&apos;s database file is damaged or incomplete. Nothing was changed; restore it from a backup.</source>
        <translation>Die Datenbankdatei ist beschädigt oder unvollständig. Es wurde nichts geändert; stellen Sie sie aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The files in this folder do not belong to one BeratungsDesk store.</source>
        <translation>Die Dateien in diesem Ordner gehören nicht zu einem gemeinsamen BeratungsDesk-Datenbestand.</translation>
    </message>
    <message>
        <source>The store is open in another BeratungsDesk window or process. Close it there first.</source>
        <translation>Der Datenbestand ist in einem anderen BeratungsDesk-Fenster geöffnet. Schließen Sie ihn dort zuerst.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was changed; free some space and try again.</source>
        <translation>Der Datenträger ist voll. Es wurde nichts geändert; schaffen Sie Platz und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This store was written by a newer version of BeratungsDesk. Please update.</source>
        <translation>Dieser Datenbestand stammt von einer neueren BeratungsDesk-Version. Bitte aktualisieren Sie das Programm.</translation>
    </message>
    <message>
        <source>The store&apos;s folder cannot be written to.</source>
        <translation>In den Ordner des Datenbestands kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Too many wrong passphrases; wait a moment.</source>
        <translation>Zu viele falsche Passphrasen; bitte einen Moment warten.</translation>
    </message>
    <message>
        <source>The passphrase could not be checked: the key derivation did not finish (often too little free memory). Close other programs and try again.</source>
        <translation>Die Passphrase konnte nicht geprüft werden: die Schlüsselableitung wurde nicht fertig (oft zu wenig freier Arbeitsspeicher). Schließen Sie andere Programme und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The store&apos;s key file (store.key) is damaged or was altered; the passphrase was not tried. Restore store.key from a backup.</source>
        <translation>Die Schlüsseldatei des Datenbestands (store.key) ist beschädigt oder wurde verändert; die Passphrase wurde nicht geprüft. Stellen Sie store.key aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <source>The role must be &quot;office&quot; or &quot;counselor&quot;.</source>
        <translation>Die Rolle muss „office“ oder „counselor“ sein.</translation>
    </message>
    <message>
        <source>The passphrase must not be empty.</source>
        <translation>Die Passphrase darf nicht leer sein.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <source>The file cannot be read.</source>
        <translation>Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The store is locked; unlock it first.</source>
        <translation>Der Datenbestand ist gesperrt; bitte zuerst entsperren.</translation>
    </message>
    <message>
        <source>The store reported an error; nothing was changed.</source>
        <translation>Der Datenbestand meldet einen Fehler; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The change conflicts with stored data; nothing was changed.</source>
        <translation>Die Änderung widerspricht gespeicherten Daten; es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Unknown kind of record.</source>
        <translation>Unbekannte Art von Eintrag.</translation>
    </message>
    <message>
        <source>The file is empty or has no header line.</source>
        <translation>Die Datei ist leer oder hat keine Kopfzeile.</translation>
    </message>
    <message>
        <source>The file is larger than {limit_mb} MB.</source>
        <translation>Die Datei ist größer als {limit_mb} MB.</translation>
    </message>
    <message>
        <source>This column is not known; rename or remove it.</source>
        <translation>Diese Spalte ist unbekannt; benennen Sie sie um oder entfernen Sie sie.</translation>
    </message>
    <message>
        <source>This column appears twice.</source>
        <translation>Diese Spalte kommt doppelt vor.</translation>
    </message>
    <message>
        <source>This required column is missing.</source>
        <translation>Diese Pflichtspalte fehlt.</translation>
    </message>
    <message>
        <source>cell too long (more than {count} characters).</source>
        <translation>Zelle zu lang (mehr als {count} Zeichen).</translation>
    </message>
    <message>
        <source>The file cannot be read as a spreadsheet here (quoting or a stray control character).</source>
        <translation>Die Datei lässt sich hier nicht als Tabelle lesen (Anführungszeichen oder ein verirrtes Steuerzeichen).</translation>
    </message>
    <message>
        <source>{field}: {value} hours do not fit in one contact (less than 24 hours).</source>
        <translation>{field}: {value} Stunden passen nicht in einen Kontakt (weniger als 24 Stunden).</translation>
    </message>
    <message>
        <source>{field}: {value} appears already in line {first_line}.</source>
        <translation>{field}: {value} steht bereits in Zeile {first_line}.</translation>
    </message>
    <message>
        <source>{field}: the end lies before the start.</source>
        <translation>{field}: Das Ende liegt vor dem Beginn.</translation>
    </message>
    <message>
        <source>{field}: a consent cannot be withdrawn before it was given.</source>
        <translation>{field}: Eine Einwilligung kann nicht vor ihrer Erteilung widerrufen werden.</translation>
    </message>
    <message>
        <source>There is no consent of the client for this ({scope}).</source>
        <translation>Dafür liegt keine Einwilligung der Person vor ({scope}).</translation>
    </message>
    <message>
        <source>The client has withdrawn the consent for this ({scope}).</source>
        <translation>Die Person hat ihre Einwilligung dafür widerrufen ({scope}).</translation>
    </message>
    <message>
        <source>Line {line}, column {column}</source>
        <translation>Zeile {line}, Spalte {column}</translation>
    </message>
    <message>
        <source>Line {line}</source>
        <translation>Zeile {line}</translation>
    </message>
    <message>
        <source>This is not a BeratungsDesk handover file.</source>
        <translation>Das ist keine Übergabedatei von BeratungsDesk.</translation>
    </message>
    <message>
        <source>The file was written by a newer version of BeratungsDesk (newer format version). Please update.</source>
        <translation>Die Datei stammt von einer neueren BeratungsDesk-Version (neueres Format). Bitte aktualisieren Sie das Programm.</translation>
    </message>
    <message>
        <source>The file is not for this store (it is addressed to another office or device, or its header is damaged).</source>
        <translation>Die Datei ist nicht für diesen Datenbestand (sie ist an ein anderes Büro oder ein anderes Gerät gerichtet, oder ihr Kopf ist beschädigt).</translation>
    </message>
    <message>
        <source>The file is damaged: its content does not check out. Nothing was changed.</source>
        <translation>Die Datei ist beschädigt: Ihr Inhalt ist nicht stimmig. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The file is incomplete (cut short, perhaps still being copied). Nothing was changed.</source>
        <translation>Die Datei ist unvollständig (abgeschnitten, vielleicht wird sie noch kopiert). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The file is larger than any handover file can be.</source>
        <translation>Die Datei ist größer, als eine Übergabedatei sein kann.</translation>
    </message>
    <message>
        <source>The file&apos;s signature does not match its sender. Nothing was changed.</source>
        <translation>Die Signatur der Datei passt nicht zu ihrem Absender. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The file comes from a device or office this store does not know. Nothing was changed.</source>
        <translation>Die Datei stammt von einem Gerät oder Büro, das dieser Datenbestand nicht kennt. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The file comes from a device that was revoked. Nothing was changed.</source>
        <translation>Die Datei stammt von einem gesperrten Gerät. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>The file&apos;s content does not match its signed list of contents. Nothing was changed.</source>
        <translation>Der Inhalt der Datei passt nicht zu ihrem signierten Inhaltsverzeichnis. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Bundle {seq} was already imported; nothing to do.</source>
        <translation>Übergabedatei {seq} wurde bereits übernommen; nichts zu tun.</translation>
    </message>
    <message>
        <source>Bundle {seq} contradicts one already imported from the same sender (was the device restored from a backup?). It was refused and an alert recorded; ask the office.</source>
        <translation>Übergabedatei {seq} widerspricht einer bereits übernommenen desselben Absenders (wurde das Gerät aus einer Sicherung wiederhergestellt?). Sie wurde abgelehnt und eine Warnung vermerkt; bitte an das Büro wenden.</translation>
    </message>
    <message>
        <source>This file is a join request; the office reads it with &quot;office enroll&quot;.</source>
        <translation>Diese Datei ist eine Beitrittsanfrage; das Büro liest sie unter Übergabe → Geräte ein.</translation>
    </message>
    <message>
        <source>This device is not enrolled yet: join the office and import its first bundle.</source>
        <translation>Dieses Gerät ist noch nicht aufgenommen: Treten Sie dem Büro bei und übernehmen Sie dessen erste Übergabedatei.</translation>
    </message>
    <message>
        <source>The file carries an older list of devices than one already seen. It was refused.</source>
        <translation>Die Datei enthält eine ältere Geräteliste als eine bereits bekannte. Sie wurde abgelehnt.</translation>
    </message>
    <message>
        <source>The file is stamped {hours} hours ahead of this computer&apos;s clock (more than the 24 hours allowed). It was refused; nothing was changed. Check the date and time on this computer and on the sending device, correct the wrong one, then hand over again: nothing is lost.</source>
        <translation>Die Datei trägt Zeitstempel, die {hours} Stunden vor der Uhr dieses Computers liegen (erlaubt sind höchstens 24 Stunden). Sie wurde abgelehnt; nichts wurde geändert. Prüfen Sie Datum und Uhrzeit auf diesem Computer und auf dem sendenden Gerät, stellen Sie die falsche Uhr richtig und übergeben Sie dann erneut: Es geht nichts verloren.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock is about {hours} hours behind the office&apos;s. Set the correct date and time, then hand over again.</source>
        <translation>Die Uhr dieses Computers geht etwa {hours} Stunden hinter der Uhr des Büros nach. Stellen Sie Datum und Uhrzeit richtig und übergeben Sie dann erneut.</translation>
    </message>
    <message>
        <source>This computer&apos;s clock was about {hours} hours ahead: the office refused handover file {seq}. Set the correct date and time, then hand over again; your work is kept and goes out then.</source>
        <translation>Die Uhr dieses Computers ging etwa {hours} Stunden vor: Das Büro hat die Übergabedatei {seq} abgelehnt. Stellen Sie Datum und Uhrzeit richtig und übergeben Sie dann erneut; Ihre Arbeit bleibt erhalten und wird dann übertragen.</translation>
    </message>
    <message>
        <source>The clock of device {device} was about {hours} hours ahead: its handover file {seq} was refused. The counselor should set the correct date and time on that laptop and hand over again.</source>
        <translation>Die Uhr des Geräts {device} ging etwa {hours} Stunden vor: Seine Übergabedatei {seq} wurde abgelehnt. Die Beratungskraft sollte Datum und Uhrzeit auf diesem Laptop richtig stellen und erneut übergeben.</translation>
    </message>
    <message numerus="yes">
        <source>{count} changes made while this computer&apos;s clock was wrong now carry the corrected time.</source>
        <translation>
            <numerusform>{count} Änderung, die bei falsch gehender Uhr gemacht wurde, trägt jetzt die richtige Zeit.</numerusform>
            <numerusform>{count} Änderungen, die bei falsch gehender Uhr gemacht wurden, tragen jetzt die richtige Zeit.</numerusform>
        </translation>
    </message>
    <message>
        <source>This device is already enrolled.</source>
        <translation>Dieses Gerät ist bereits aufgenommen.</translation>
    </message>
    <message>
        <source>The office has revoked this device; it can no longer hand over. Ask the office.</source>
        <translation>Das Büro hat dieses Gerät gesperrt; es kann nichts mehr übergeben. Bitte wenden Sie sich an das Büro.</translation>
    </message>
    <message>
        <source>The file is not a valid invitation of an office.</source>
        <translation>Die Datei ist keine gültige Einladung eines Büros.</translation>
    </message>
    <message>
        <source>The join request answers an invitation this office did not issue.</source>
        <translation>Die Beitrittsanfrage antwortet auf eine Einladung, die dieses Büro nicht ausgestellt hat.</translation>
    </message>
    <message>
        <source>The invitation of this join request was already used; write a new invitation.</source>
        <translation>Die Einladung dieser Beitrittsanfrage wurde schon verwendet; schreiben Sie eine neue Einladung.</translation>
    </message>
    <message>
        <source>No team member of that name; check the name or use --create-counselor.</source>
        <translation>Kein Teammitglied dieses Namens; bitte den Namen prüfen.</translation>
    </message>
    <message>
        <source>Several team members match; give the id.</source>
        <translation>Mehrere Teammitglieder passen; bitte genauer angeben.</translation>
    </message>
    <message>
        <source>No enrolled device matches.</source>
        <translation>Kein aufgenommenes Gerät passt.</translation>
    </message>
    <message>
        <source>Several devices match; give more of the id.</source>
        <translation>Mehrere Geräte passen; bitte genauer angeben.</translation>
    </message>
    <message>
        <source>The folder does not exist.</source>
        <translation>Der Ordner existiert nicht.</translation>
    </message>
    <message>
        <source>The handover folder went away during the handover (USB stick pulled, network gone). Files already taken in are complete; the rest is handed over the next time the folder is there.</source>
        <translation>Der Übergabeordner ist während der Übergabe verschwunden (USB-Stick abgezogen, Netzwerk weg). Bereits übernommene Dateien sind vollständig; der Rest wird übergeben, sobald der Ordner wieder da ist.</translation>
    </message>
    <message>
        <source>{field}: the period ends before it starts.</source>
        <translation>{field}: Der Zeitraum endet, bevor er beginnt.</translation>
    </message>
    <message>
        <source>{field}: the file cannot be written there (does the folder exist?); nothing was written.</source>
        <translation>{field}: Die Datei kann dort nicht geschrieben werden (gibt es den Ordner?); es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>This is not an entry of the organisation profile (see &quot;profile show&quot;).</source>
        <translation>Das ist kein Eintrag des Organisationsprofils.</translation>
    </message>
    <message>
        <source>{field}: the logo must be a PNG or JPEG image file.</source>
        <translation>{field}: Das Logo muss eine PNG- oder JPEG-Datei sein.</translation>
    </message>
    <message>
        <source>{field}: the logo is larger than {limit_mb} MB.</source>
        <translation>{field}: Das Logo ist größer als {limit_mb} MB.</translation>
    </message>
    <message>
        <source>{field}: unexpected text before the &quot;---&quot; line; start it with &quot;Empfänger:&quot; or &quot;Betreff:&quot;.</source>
        <translation>{field}: Unerwarteter Text vor der Zeile „---“; beginnen Sie mit „Empfänger:“ oder „Betreff:“.</translation>
    </message>
    <message>
        <source>{field}: the line &quot;---&quot; that starts the letter&apos;s text is missing.</source>
        <translation>{field}: Die Zeile „---“, mit der der Brieftext beginnt, fehlt.</translation>
    </message>
    <message>
        <source>{field}: the address has more than {limit} lines and does not fit the window.</source>
        <translation>{field}: Die Anschrift hat mehr als {limit} Zeilen und passt nicht ins Fenster.</translation>
    </message>
    <message>
        <source>{field}: there is no such letter template.</source>
        <translation>{field}: Diese Briefvorlage gibt es nicht.</translation>
    </message>
    <message>
        <source>The backup file is damaged or was altered ({kind}); it cannot be trusted. Use another backup.</source>
        <translation>Die Sicherungsdatei ist beschädigt oder wurde verändert ({kind}); ihr kann nicht vertraut werden. Nehmen Sie eine andere Sicherung.</translation>
    </message>
    <message>
        <source>This file is not a BeratungsDesk backup.</source>
        <translation>Diese Datei ist keine Sicherung von BeratungsDesk.</translation>
    </message>
    <message>
        <source>This backup was written by a newer version of BeratungsDesk. Please update.</source>
        <translation>Diese Sicherung stammt von einer neueren Version von BeratungsDesk. Bitte aktualisieren Sie das Programm.</translation>
    </message>
    <message>
        <source>The backup folder cannot be written to (is the disk connected?). Nothing was saved.</source>
        <translation>In den Sicherungsordner kann nicht geschrieben werden (ist die Festplatte angeschlossen?). Es wurde nichts gesichert.</translation>
    </message>
    <message>
        <source>Choose a backup folder first.</source>
        <translation>Bitte zuerst einen Sicherungsordner wählen.</translation>
    </message>
    <message>
        <source>The erasure journal beside the backups is damaged or was altered. Nothing was restored: without it, erased records could come back.</source>
        <translation>Das Löschprotokoll neben den Sicherungen ist beschädigt oder wurde verändert. Es wurde nichts wiederhergestellt: Ohne es könnten gelöschte Einträge zurückkehren.</translation>
    </message>
    <message>
        <source>The erasure journal beside the backup belongs to another store. Nothing was restored.</source>
        <translation>Das Löschprotokoll neben der Sicherung gehört zu einem anderen Datenbestand. Es wurde nichts wiederhergestellt.</translation>
    </message>
    <message>
        <source>A backup is restored into a new, empty folder only; this one is not empty. Nothing was changed.</source>
        <translation>Eine Sicherung wird nur in einen neuen, leeren Ordner wiederhergestellt; dieser ist nicht leer. Es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>The file does not exist.</source>
        <translation>Die Datei existiert nicht.</translation>
    </message>
    <message>
        <source>The handover folder could not be read or written (was the stick removed?). Files already taken in are complete, and nothing is lost: the next handover writes what is missing again.</source>
        <translation>Der Übergabeordner konnte nicht gelesen oder beschrieben werden (wurde der Stick abgezogen?). Bereits übernommene Dateien sind vollständig, und nichts geht verloren: die nächste Übergabe schreibt, was fehlt, noch einmal.</translation>
    </message>
    <message>
        <source>The handover folder is full; no handover file was written. Nothing is lost: free some space (or use another stick) and hand over again.</source>
        <translation>Der Übergabeordner ist voll; es wurde keine Übergabedatei geschrieben. Nichts geht verloren: Platz schaffen (oder einen anderen Stick nehmen) und erneut übergeben.</translation>
    </message>
    <message>
        <source>Not every part of this handover file is there; it is read once all parts have arrived.</source>
        <translation>Nicht alle Teile dieser Übergabedatei sind da; sie wird gelesen, sobald alle Teile angekommen sind.</translation>
    </message>
    <message>
        <source>The PDF could not be laid out: one part of it does not fit on a page. Nothing was written.</source>
        <translation>Das PDF ließ sich nicht setzen: Ein Teil davon passt auf keine Seite. Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Another program (often a virus scanner or the search indexer) keeps a file open that has to be replaced. Nothing was changed; wait a moment or close that program, then try again.</source>
        <translation>Ein anderes Programm (oft ein Virenscanner oder die Windows-Suche) hält eine Datei offen, die ersetzt werden muss. Es wurde nichts geändert; warten Sie einen Moment oder schließen Sie das Programm und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>{file}: the file cannot be read.</source>
        <translation>{file}: Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>{file}: not a valid file of anonymous figures ({value}); no report was written.</source>
        <translation>{file}: keine gültige Datei mit anonymen Zahlen ({value}); es wurde kein Bericht geschrieben.</translation>
    </message>
    <message>
        <source>{file}: the signature does not match the figures (the file was changed or damaged); no report was written.</source>
        <translation>{file}: Die Signatur passt nicht zu den Zahlen (die Datei wurde verändert oder ist beschädigt); es wurde kein Bericht geschrieben.</translation>
    </message>
    <message>
        <source>{file}: the center &quot;{value}&quot; or its key is already in the report; no report was written.</source>
        <translation>{file}: Die Beratungsstelle „{value}“ oder ihr Schlüssel ist schon im Bericht; es wurde kein Bericht geschrieben.</translation>
    </message>
    <message>
        <source>{file}: covers {value}, the files before it {expected}; a joint report needs one period. No report was written.</source>
        <translation>{file}: umfasst {value}, die Dateien davor {expected}; ein gemeinsamer Bericht braucht einen Zeitraum. Es wurde kein Bericht geschrieben.</translation>
    </message>
    <message>
        <source>Give at least one file of anonymous figures.</source>
        <translation>Geben Sie mindestens eine Datei mit anonymen Zahlen an.</translation>
    </message>
    <message>
        <source>The file cannot be read as an Excel (.xlsx) or LibreOffice (.ods) table.</source>
        <translation>Die Datei lässt sich nicht als Excel- (.xlsx) oder LibreOffice-Tabelle (.ods) lesen.</translation>
    </message>
    <message>
        <source>The file has no sheet named &quot;{value}&quot;. Its sheets: {sheets}.</source>
        <translation>Die Datei hat kein Blatt namens „{value}“. Ihre Blätter: {sheets}.</translation>
    </message>
    <message>
        <source>A CSV file has no sheets; leave out the sheet name.</source>
        <translation>Eine CSV-Datei hat keine Blätter; bitte ohne Blattnamen importieren.</translation>
    </message>
    <message>
        <source>This is an old spreadsheet format (.xls). Save the file as .xlsx or .ods in Excel or LibreOffice and import that.</source>
        <translation>Das ist ein altes Tabellenformat (.xls). Bitte die Datei in Excel oder LibreOffice als .xlsx oder .ods speichern und diese importieren.</translation>
    </message>
    <message>
        <source>the formula in this cell has no stored result; open the file in Excel or LibreOffice, save it and import it again.</source>
        <translation>Die Formel in dieser Zelle hat kein gespeichertes Ergebnis; bitte die Datei in Excel oder LibreOffice öffnen, speichern und erneut importieren.</translation>
    </message>
    <message>
        <source>The disk reported an error while reading or writing the store (is the drive still connected?). The change was not saved.</source>
        <translation>Der Datenträger meldete einen Fehler beim Lesen oder Schreiben des Datenbestands (ist das Laufwerk noch angeschlossen?). Die Änderung wurde nicht gespeichert.</translation>
    </message>
    <message>
        <source>The passphrase is too short: it needs at least {minimum} characters; a sentence of several words is easy to remember.</source>
        <translation>Die Passphrase ist zu kurz: Sie braucht mindestens {minimum} Zeichen; ein Satz aus mehreren Wörtern ist leicht zu merken.</translation>
    </message>
    <message>
        <source>The passphrase is too easy to guess: it needs a strength of at least 3 of 4 in the zxcvbn estimate. Use a sentence of four or more words, not a well-known saying.</source>
        <translation>Die Passphrase ist zu leicht zu erraten: Sie braucht eine Stärke von mindestens 3 von 4 in der Schätzung von zxcvbn. Nehmen Sie einen Satz aus vier oder mehr Wörtern, keine bekannte Redewendung.</translation>
    </message>
    <message>
        <source>{field}: give a weekday as Mon ... Sun, Mo ... So or 1 (Monday) to 7 (Sunday).</source>
        <translation>{field}: Wochentag als Mo … So, Mon … Sun oder als 1 (Montag) bis 7 (Sonntag) angeben.</translation>
    </message>
    <message>
        <source>{field}: no team member has that name or initials.</source>
        <translation>{field}: kein Teammitglied hat diesen Namen oder diese Initialen.</translation>
    </message>
</context>
</TS>
