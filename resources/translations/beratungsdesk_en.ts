<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AuditView</name>
    <message numerus="yes">
        <source>The audit log is intact: %n entries checked; none was altered, removed or inserted.</source>
        <translation>
            <numerusform>The audit log is intact: %n entry checked; it was not altered, removed or inserted.</numerusform>
            <numerusform>The audit log is intact: %n entries checked; none was altered, removed or inserted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problems</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message numerus="yes">
        <source>%n contacts, together {duration}</source>
        <translation>
            <numerusform>%n contact, together {duration}</numerusform>
            <numerusform>%n contacts, together {duration}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ClientsView</name>
    <message numerus="yes">
        <source>Erase client {code} and their %n cases with everything that belongs to them?</source>
        <translation>
            <numerusform>Erase client {code} and their %n case with everything that belongs to it?</numerusform>
            <numerusform>Erase client {code} and their %n cases with everything that belongs to them?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message numerus="yes">
        <source>%n texts replaced</source>
        <translation>
            <numerusform>%n text replaced</numerusform>
            <numerusform>%n texts replaced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Erasure</name>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n records</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message numerus="yes">
        <source>%n conflicts were decided on another device; they are closed here too.</source>
        <translation>
            <numerusform>%n conflict was decided on another device; it is closed here too.</numerusform>
            <numerusform>%n conflicts were decided on another device; they are closed here too.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your texts were replaced by a decision made elsewhere: see Conflicts.</source>
        <translation>
            <numerusform>%n of your texts was replaced by a decision made elsewhere: see Conflicts.</numerusform>
            <numerusform>%n of your texts were replaced by a decision made elsewhere: see Conflicts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes were refused (not allowed for the sender, or invalid) and kept for the office to inspect.</source>
        <translation>
            <numerusform>%n change was refused (not allowed for the sender, or invalid) and kept for the office to inspect.</numerusform>
            <numerusform>%n changes were refused (not allowed for the sender, or invalid) and kept for the office to inspect.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files had been received before.</source>
        <translation>
            <numerusform>%n file had been received before.</numerusform>
            <numerusform>%n files had been received before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files for other devices were left in the folder.</source>
        <translation>
            <numerusform>%n file for other devices was left in the folder.</numerusform>
            <numerusform>%n files for other devices were left in the folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finished files were removed from the folder.</source>
        <translation>
            <numerusform>%n finished file was removed from the folder.</numerusform>
            <numerusform>%n finished files were removed from the folder.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes handed over</source>
        <translation>
            <numerusform>%n change handed over</numerusform>
            <numerusform>%n changes handed over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n documents handed over</source>
        <translation>
            <numerusform>%n document handed over</numerusform>
            <numerusform>%n documents handed over</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes received</source>
        <translation>
            <numerusform>%n change received</numerusform>
            <numerusform>%n changes received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflicts to review</source>
        <translation>
            <numerusform>%n conflict to review</numerusform>
            <numerusform>%n conflicts to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files refused</source>
        <translation>
            <numerusform>%n file refused</numerusform>
            <numerusform>%n files refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes applied</source>
        <translation>
            <numerusform>%n change applied</numerusform>
            <numerusform>%n changes applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n documents</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes are in the folder already, not yet confirmed by {recipient}.</source>
        <translation>
            <numerusform>%n change is in the folder already, not yet confirmed by {recipient}.</numerusform>
            <numerusform>%n changes are in the folder already, not yet confirmed by {recipient}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refused earlier, still in the folder: {files} (delete them if nobody needs them).</source>
        <translation>
            <numerusform>Refused earlier, still in the folder: {files} (delete it if nobody needs it).</numerusform>
            <numerusform>Refused earlier, still in the folder: {files} (delete them if nobody needs them).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n changes waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n warnings recorded (e.g. a device restored from a backup); see the command line &apos;sync status&apos;.</source>
        <translation>
            <numerusform>%n warning recorded (e.g. a device restored from a backup); see the command line &apos;sync status&apos;.</numerusform>
            <numerusform>%n warnings recorded (e.g. a device restored from a backup); see the command line &apos;sync status&apos;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Alert: %n changes from {name} were refused (not allowed or invalid); see the command line &apos;sync quarantine&apos;.</source>
        <translation>
            <numerusform>Alert: %n change from {name} was refused (not allowed or invalid); see the command line &apos;sync quarantine&apos;.</numerusform>
            <numerusform>Alert: %n changes from {name} were refused (not allowed or invalid); see the command line &apos;sync quarantine&apos;.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{name} refused %n changes from this store; the office can inspect them.</source>
        <translation>
            <numerusform>{name} refused %n change from this store; the office can inspect it.</numerusform>
            <numerusform>{name} refused %n changes from this store; the office can inspect them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message numerus="yes">
        <source>%n open conflicts to review</source>
        <translation>
            <numerusform>%n open conflict to review</numerusform>
            <numerusform>%n open conflicts to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases due for erasure (retention)</source>
        <translation>
            <numerusform>%n case due for erasure (retention)</numerusform>
            <numerusform>%n cases due for erasure (retention)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last backup: %n days ago.</source>
        <translation>
            <numerusform>Last backup: %n day ago.</numerusform>
            <numerusform>Last backup: %n days ago.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n other records</source>
        <translation>
            <numerusform>%n other record</numerusform>
            <numerusform>%n other records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionView</name>
    <message numerus="yes">
        <source>%n cases</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clients have no other case and are erased with them.</source>
        <translation>
            <numerusform>%n client has no other case and is erased with them.</numerusform>
            <numerusform>%n clients have no other case and are erased with them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cases whose retention has ended,</source>
        <translation>
            <numerusform>%n case whose retention has ended,</numerusform>
            <numerusform>%n cases whose retention has ended,</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n clients who have no other case</source>
        <translation>
            <numerusform>%n client who has no other case</numerusform>
            <numerusform>%n clients who have no other case</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableImportDialog</name>
    <message numerus="yes">
        <source>%n row(s) checked, nothing written yet.</source>
        <translation>
            <numerusform>%n row checked, nothing written yet.</numerusform>
            <numerusform>%n rows checked, nothing written yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) read.</source>
        <translation>
            <numerusform>%n row read.</numerusform>
            <numerusform>%n rows read.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) would be imported.</source>
        <translation>
            <numerusform>%n case would be imported.</numerusform>
            <numerusform>%n cases would be imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) imported.</source>
        <translation>
            <numerusform>%n case imported.</numerusform>
            <numerusform>%n cases imported.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were imported before and stay as they are.</source>
        <translation>
            <numerusform>%n row was imported before and stays as it is.</numerusform>
            <numerusform>%n rows were imported before and stay as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) would be added.</source>
        <translation>
            <numerusform>%n record would be added.</numerusform>
            <numerusform>%n records would be added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) added.</source>
        <translation>
            <numerusform>%n record added.</numerusform>
            <numerusform>%n records added.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were already present.</source>
        <translation>
            <numerusform>%n row was already present.</numerusform>
            <numerusform>%n rows were already present.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Writing %n row(s)…</source>
        <translation>
            <numerusform>Writing %n row…</numerusform>
            <numerusform>Writing %n rows…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message numerus="yes">
        <source>Too many wrong passphrases: please wait %n seconds.</source>
        <translation>
            <numerusform>Too many wrong passphrases: please wait %n second.</numerusform>
            <numerusform>Too many wrong passphrases: please wait %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message numerus="yes">
        <source>{count} problems were found; nothing was changed.</source>
        <translation>
            <numerusform>{count} problem was found; nothing was changed.</numerusform>
            <numerusform>{count} problems were found; nothing was changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} changes made while this computer&apos;s clock was wrong now carry the corrected time.</source>
        <translation>
            <numerusform>{count} change made while this computer&apos;s clock was wrong now carries the corrected time.</numerusform>
            <numerusform>{count} changes made while this computer&apos;s clock was wrong now carry the corrected time.</numerusform>
        </translation>
    </message>
</context>
</TS>
