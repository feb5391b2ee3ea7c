<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AboutDialog</name>
    <message>
        <source>&amp;About msgdesk…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About msgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open data folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActDialog</name>
    <message>
        <source>Recorded &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionDelegate</name>
    <message>
        <source>Due date set by hand</source>
        <extracomment>Columns whose text is long enough to need wrapping while it is edited. the timescale being typed, before it is saved (for the live interpretation)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter finishes; Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionsModel</name>
    <message>
        <source>Action {n}, reference {ref}</source>
        <extracomment>&quot;from {round}&quot;, translated by the page that shows the table</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried forward from round {round}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comment / how we will deliver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete clears the date set by hand; the timescale then applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Improvement action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set a due date: edit this cell (F2) to pick one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale for delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due {date} (set by hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no timescale</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>msgdesk cannot open the database:

{error}</source>
        <extracomment>Set by benchmarks/bench_startup.py: the app prints &quot;FIRST-PAINT &lt;epoch seconds&gt; &lt;CPU seconds&gt; &lt;round|start&gt;&quot; once its window is first drawn, and quits; set to &quot;store&quot;, it goes on to print &quot;STORE-OPEN &lt;epoch seconds&gt;&quot; once the full store is open, then quits. The window&apos;s own first-paint hook reports it, so the measure adds no event filter on the whole application (one costs a bare window 15% of its start: issue 22, session 26).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>IJB &amp;meeting date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IJB meeting date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minute &amp;reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minute reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once approved, the return is read-only. Reopening it for amendment is recorded with a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record IJB approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the meeting&apos;s date, e.g. 24/06/2021</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. IJB 2019/05 item 6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>&amp;Backups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the current data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore and undo the approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore it all the same? The undone approval is recorded in the round&apos;s events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>msgdesk now holds the backup from {when}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Compare</name>
    <message>
        <source>Above the median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below the median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Descriptor chosen: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No return for round {label}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal {id}: {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round {label}: {rating}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where we stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proposal {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{median} between {low} and {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{up} up, {down} down</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>&amp;Partnership:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All partnerships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below the median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ch&amp;anges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ch&amp;anges since {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click a column&apos;s heading to sort by it. Double-click a cell, or press Enter, to open that return (read-only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparator groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared &amp;with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparisons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each partnership&apos;s rating of each proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ed&amp;it groups…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gro&amp;up:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat &amp;map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heat map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How each rating moved since the earlier round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make, change or delete comparator groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No earlier round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No partnership has a return for this round.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No return: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No returns yet: import some (File → Import return file…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our rating of each proposal beside the rest of the group&apos;s ratings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rou&amp;nd:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round</source>
        <extracomment>(partnership, round label, proposal id): a return to show read-only.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round {label}, {scope}: {n} of {total} have a return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show each rating&apos;s word beside its number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show every partnership, or only a comparator group&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show wor&amp;ds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The earlier round the changes are measured from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The partnership whose ratings are set beside the group&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The round whose returns are compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where we &amp;stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where we stand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where we stand, in short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all partnerships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blank: not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark} No return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership} beside {group} (the ratings of {n} other partnerships with a return): above the median on {above}, at it on {level}, below it on {below} of {total} proposals.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>&amp;Base: when the pack was cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Conflicts waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Put both in the combined text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theirs: {name}&apos;s reply of {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use the combined text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What differs: [yours: struck through] [theirs: underlined]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Yours: in the return now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base: when the pack was cut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both you and a contributor changed these since the pack was sent. Nothing has been overwritten: choose for each, or write a text that combines them. Ctrl+Z in the window undoes a choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mbined text (edit, then use it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Combined text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No conflicts wait: every contribution merged is in the return.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve merge conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take t&amp;heirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs: the contributor&apos;s reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What differs between yours and theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours: in the return now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictMarker</name>
    <message>
        <source>A merge conflict waits: {places}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was overwritten: choose what to keep.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the conflict view on this proposal ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;solve the conflict…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve the conflict on this proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} merge conflicts wait: {places}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConflictView</name>
    <message>
        <source>(deleted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no rating)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 word only in yours, {theirs} only in theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours and theirs have the same words (only spacing differs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolve the conflict in {proposal} ({place})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yours</source>
        <extracomment>How a changed stretch looks: struck through on red for yours only, underlined on green for theirs only, each with its words in brackets so that a screen reader, a printout and an officer who cannot tell red from green all get it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ours} words only in yours, {theirs} only in theirs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Contributions</name>
    <message>
        <source>&amp;Merge a contribution…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open contribution pack…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Send proposals for contribution…</source>
        <extracomment>the last conflicts dialog opened, and the contributor windows opened from here the menu entries are made by install, with the window&apos;s other entries (after its first paint)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Your name…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a return file, a workbook, or both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contribution for {name}: proposals {proposals} are yours to fill in; the others are shown for context. When you are done: File → Send back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contribution packs (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge a contribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open contribution pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack written: {files}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal &amp;history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replies (*.json *.xlsx);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply written to {path}: send it to the lead officer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve &amp;this proposal&apos;s conflicts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve merge &amp;conflicts…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return file (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send bac&amp;k…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pack was not opened:

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reply was not merged:

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is a whole return file, not a contribution pack: open it with File → Import return file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, as it is recorded with each change you make (for example “Caroline Whyte”):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}&apos;s reply of {date} brings nothing new: it has been merged already, or changes nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}&apos;s reply of {date}: {applied} changes to take in, {held} to choose between (both sides changed them). Merge it?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>Type a date such as 24/06/2021 or 24 June 2021, or use the arrow keys or the calendar</source>
        <extracomment>The value of a field that has no date yet (shown as its special text). (what was typed, the date the field kept) when typed text was not a date Enter was pressed (after the typed date was read)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{typed}” is not a date, so the field still says {kept}.</source>
        <extracomment>the last explanation shown for typed text that was not a date (&quot;&quot; if none)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectionDialog</name>
    <message>
        <source>&amp;Function(s), one a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What is to be delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no resource)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each milestone with its timescale and, if you wish, a due date set by hand (dd/mm/yyyy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Free text, read as a date where it names one: &quot;By 31 March 2021&quot;, &quot;Q4 2021/22&quot;, &quot;6 months&quot; (from the date of issue)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions covered, one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IJB &amp;meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IJB meeting that decided it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IJB re&amp;port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IJB report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued t&amp;o</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to the Health Board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to the Local Authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log &amp;reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;ilestones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min&amp;ute reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minute reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out&amp;comes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overall timescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment or sum set aside</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pounds and pence, e.g. 1250000.00 or £1,250,000.00</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;source (£)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;view date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove milestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The direction&apos;s number in the log, e.g. NAIJB-2021-04</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This direction varies {ref}: once issued, it supersedes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time&amp;scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total resource committed, in pounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is to be delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>milestone {n}: “{text}” is not a date (write it as 31/03/2022)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectionsSummary</name>
    <message>
        <source>Adds a paragraph on the directions in force, the resource committed and the delivery issues to the end of the evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions log: {n} in force, {money} committed, {issues} delivery issues open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert the directions log summar&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert the directions log summary into the evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No direction is in the log yet (the Directions tab keeps it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The directions log</source>
        <extracomment>Coming back to 4.4, the line shows what was last read at once and the log is read again this long after, if the page is still on screen: reading it costs ~10 ms, which made every turn onto 4.4 the slowest of all (issue 22), and an officer paging through with Ctrl+PgDown never waits for a log they do not stop to read. the session whose partnership&apos;s log the line shows (None: not read yet)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectionsTableModel</name>
    <message>
        <source>Delivery issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superseded by {ref}</source>
        <extracomment>Status filter values beyond the statuses themselves. Resource filter value: directions without an amount of resource. Partner filter values: who a direction is issued to. A ``ResourceBasis`` value, or NO_AMOUNT.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{status} {day}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectionsView</name>
    <message>
        <source> – RAG {rag}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;As at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back to {ref}, which it supersedes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete the draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit the draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Health Board and Local Authority names…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue the draft…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Issue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New direction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partnership</source>
        <extracomment>The names of the example partnership&apos;s delivery partners, kept when the example is loaded into a partnership that has none yet (the exchange file does not carry them). After any write: the direction&apos;s id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Vary: draft the superseding direction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A delivery issue is kept in the log as written: it can be added to, never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An update is kept in the log as written: it can be added to, never changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <extracomment>Shown for a draft, and for an issued direction: each group has its own Alt letters.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to your log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both, jointly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the draft before it is issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the draft {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed &amp;on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of &amp;issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of issue: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the draft (an issued direction stays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the draft {ref}? It has not been issued, so it is not part of the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deli&amp;very issue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deli&amp;very partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery &amp;issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery issue on {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery issue recorded on {ref}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery issues ({n}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery partner filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direction details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions file saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions log as at {day} saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Directions shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft a direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft a new direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft a new direction that supersedes this one, pre-filled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft var&amp;ying it: {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft {ref} deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft {ref} saved. Issue it once the IJB has decided.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EXAMPLE — a made-up log in a throwaway database: nothing here is saved in your file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every direction with its status, RAG, overdue milestones and resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every field of the direction, its milestones, delivery issues and updates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expor&amp;t the directions file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the directions file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function(s) covered: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the direction that supersedes this one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the direction this one supersedes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IJB decision: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imp&amp;ort a directions file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a directions file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: {added} added, {updated} brought up to date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue the draft: its content is then locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issue {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued on {day}, after the As at day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued to: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the ex&amp;ample log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log (E&amp;xcel)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;completed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {ref} completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Met &amp;on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mi&amp;lestone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestone &amp;met…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestone met on {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestone recorded as met on {ref}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milestones ({n}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No amount given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No direction in the log yet: draft one (New direction…), or import a directions file or load the example from the Directions menu (Alt+I)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No direction selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer in force</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once issued, the direction&apos;s content is locked: it is varied only by issuing a new direction that supersedes it. Its delivery issues, updates, completion or revocation stay open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcomes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue &amp;milestones only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partners&apos; names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress &amp;update…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress recorded on {ref}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress update on {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress updates ({n}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG &amp;colour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a &amp;milestone met…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a dated delivery issue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a dated progress update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a delivery i&amp;ssue…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a progress &amp;update…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the direction has been completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the day a milestone was met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the revocation, with the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource committed: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review date: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoked &amp;on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the directions log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the directions log as Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the directions log as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the log as &amp;PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the log as E&amp;xcel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only directions in this state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only directions issued to this partner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only directions whose resource is a payment, a sum set aside, both, or not given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only directions with a milestone or timescale overdue on the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some of these directions are already in the log. Bring them up to date from the file? (An issued direction&apos;s content never changes; its delivery issues, updates, milestones met, revocation or completion are added.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status and reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Superseded b&amp;y {ref}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The completion is recorded in the log, and is final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day a milestone was met is recorded once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the status, the RAG and the log are as at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The direction in f&amp;ull</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The directions log as at the day, as an Excel workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The directions log for the IJB and the committee, as at the day, as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example log is loaded: {n} directions, made up to show how the log works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of the {partner} (as the log should print it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The partnership whose directions are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revocation is recorded in the log with its reason, and is final.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale: {v}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V&amp;ary…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vary {ref}: a new direction that supersedes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is to be delivered:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words to find in the reference, title, functions, what is to be delivered or delivery issues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no amount given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not issued (a draft)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ref} issued; its content is now locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ref} marked completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ref} revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} shown · {in_force} in force, {money} · {overdue} with something overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorHook</name>
    <message>
        <source>Something went wrong. Everything you entered so far is saved in the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>msgdesk: something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export return file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import return files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing return files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing {name} ({n} of {total})…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the round?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: {n} files were not looked at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder {folder} does not exist. Choose a folder that exists; msgdesk does not create folders for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {kind} file was not written:

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Word documents (*.docx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the {kind} file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote {path}.

Open it now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership} already has a round {round}.

Replace it with the file&apos;s contents?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{name}” ends in {ending}, but this is a {kind} file: it must end in {suffix}. Choose the name again (for example “{fixed}”).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindPanel</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every hit, with its proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fi&amp;nd</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hits found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words in the proposals, evidence or actions — Enter goes to the next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} found in {p} proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{proposal} {place}: {snippet}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupsDialog</name>
    <message>
        <source>&amp;Delete group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partnerships in it (Space ticks):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparator groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the group “{name}”? Its partnerships and their returns stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N&amp;ame:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the group and tick its partnerships, then Save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partnerships in the group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {name}: {n} partnerships.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space ticks or unticks the partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example: Island authorities</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Changes to this proposal, newest first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History of this proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a proposal to see its history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal {id}: {n} changes recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone unnamed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveUpdates</name>
    <message>
        <source>Changed by {name} at {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About msgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check before IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Directions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find in the return…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import return file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New round…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print appendix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rounds and start page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Approved by the IJB&lt;/b&gt; on {when} (minute {minute}). This return is read-only; following up its actions stays open in the Tracker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About msgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by the IJB: this round is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to &amp;draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;spelling as you type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check before IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;irections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Word…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export return &amp;file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a return file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key features and proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;ready for IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark ready for IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next  ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next proposal (Ctrl+Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No changes yet</source>
        <extracomment>From the store&apos;s opening to loading what the first write needs (MainWindow.warm_up): after the rest of the first paint&apos;s queue (the word list), before the officer&apos;s first edit. A round was opened (its new RoundSession), for the panels written beside this window.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview the committee appendix page by page, then print it (Ctrl+P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous proposal (Ctrl+Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal &amp;list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal {id} — {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;ound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;open for amendment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record IJB &amp;approval…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record IJB approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen for amendment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reopen for amendment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return and tracker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return, tracker and compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round status banner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else saved the {field} of {proposal} while you were editing it. Nothing has been overwritten. Which should be kept?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;theirs (mine is copied to the clipboard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action tracker is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The approved return will become editable again. Why is it being reopened? (recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check before IJB found nothing to look at.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check before IJB lists {n} things to look at ({what}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file was not imported:

{error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The return stays approved: reopening needs a reason, which is recorded in its history (for example “IJB asked for the finance actions to be revised, 12 May”).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are {n} things to check (see Check before IJB). Mark the round ready anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no round {id} in {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This round is not marked ready for the IJB. {found}

Record the IJB&apos;s approval all the same?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the committee appendix as a Word document, for committee papers and accessible publication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours:
{mine}

Saved by the other officer:
{theirs}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an IJB meeting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>msgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>msgdesk {version}

Complete the MSG self-evaluation of progress with integration offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership}
Round {label} · {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership} {label} ({status}) — msgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership} {label} – appendix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{proposal}: saved by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rated} of {total} rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀  Previous</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NavigationModel</name>
    <message>
        <source>Check before IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key feature {n}: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal {id}, {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is missing or doubtful; mark ready; record approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not for local completion</source>
        <extracomment>How many merge conflicts wait on the proposal (0 for none).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rated with evidence and actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started, not rated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key} opens it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Password</name>
    <message>
        <source>msgdesk: database password</source>
        <extracomment>Tries before giving up (the server may lock an account after a few wrong ones).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}

Password for {user}:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appendix pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laying out the appendix…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview – {title}</source>
        <extracomment>Highest resolution a page is drawn at for printing (dots per inch). typst draws all pages at one resolution per call: the resolutions it is asked for, so that zooming in steps reuses what was drawn (a page is drawn at the next step up). The other pages&apos; SVG is checked this long after the preview opens (after the first paint). What typst writes for a page and Qt&apos;s SVG renderer draws as typst draws it (every page of the appendices in tests/test_preview_fidelity.py): these elements, with flat colours (#rrggbb or none). Anything else (an image, text, a gradient, a clip path, a mask, a filter, a translucent #rrggbbaa colour, which Qt draws black, an opacity, a style sheet) sends the whole document to typst&apos;s PNGs. Attributes that would change what is drawn and are not in the elements&apos; own list: a reference to a paint server, clip, mask or filter (url), an opacity, CSS. pages whose SVG drawable() passed: each is checked before it is first drawn, the rest by check_all() once the first page is up (~2 ms a page, 50 ms for all 26) The pages&apos; scroll area. The name hides QWidget.scroll(dx, dy), which nothing here calls.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the appendix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build of msgdesk cannot print by itself. File → Export PDF… writes the same appendix to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProposalPage</name>
    <message>
        <source>(set a date in the Due column)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;MSG timescale:&lt;/b&gt; {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p style=&apos;font-size:12pt&apos;&gt;&lt;b&gt;Not for local completion&lt;/b&gt;&lt;/p&gt;&lt;p&gt;National bodies are responsible for this proposal, so there is nothing to rate or record here. The appendix prints it with this note, as the template does.&lt;/p&gt;&lt;p&gt;Ctrl+Page Down goes on to the next proposal; Ctrl+Page Up back.&lt;/p&gt;</source>
        <extracomment>the first action row&apos;s height when the page had no room for all of it (``_fit_evidence``); kept so that the next table fit does not give the row back its height and undo it</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action {n} deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add improvement action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete selected improvement action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;vidence / Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evidence / Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key feature {n}:  {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move selected action down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move selected action up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No timescale yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not for local completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not for local completion — national bodies responsible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our rating (read-only: approved by the IJB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our rating (read-only: you can read but not change this database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our rating — choose one (keys 1–4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous rating ({round})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal {id}   {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed improvement &amp;actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed improvement actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale interpretation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale: {due}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo the deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What shows where you are: reports, inspections, minutes, plans…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {round}</source>
        <extracomment>Qt::ElideRight (qnamespace.h), set through the header&apos;s property: the enum is Qt&apos;s namespace then only marks it stale, and it is filled again just before it is next shown: a page off screen does no layout work for each edit, undo or merge. too (a contributor&apos;s pack), so a page filled off screen checks it when shown</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>previous round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round {label}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingCard</name>
    <message>
        <source>Rating {n}: {title}, {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Our rating</source>
        <extracomment>QWIDGETSIZE_MAX: a label&apos;s size is freed with it before it is measured again the page&apos;s handler for other keys: on_key(card index, key) -&gt; handled the font the title&apos;s fixed size was measured in (``_show_title``)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnViewer</name>
    <message>
        <source>&amp;Proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How we will deliver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proposal&apos;s answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership} {label} (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership}, round {label} · {status} · read-only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>&amp;Jump to selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save the date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action {n} (“{action}”): carried forward from {origin}, due {due} — overdue; set a new date or close it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action {n} (“{action}”): due {due}, before the date of completion ({completed})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action {n} (“{action}”): no timescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action {n} (“{action}”): timescale “{timescale}” not recognised — set a due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action {n}: the action is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by the IJB {when}: nothing left to check. The approved return is the record; its actions are followed up in the Tracker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to &amp;draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check before IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of &amp;completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the selected problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key feature {n}: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark read&amp;y for IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark ready for IJB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No evidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not completed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing missing: every proposal is rated with evidence, and every action has a timescale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rated Exemplary without evidence: say what shows it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record IJB &amp;approval…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record IJB approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the date of completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The contribution pack for {name} (proposals {proposals}, sent {sent}) has not been merged yet: merge the reply, or withdraw the pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The round has no date of completion yet: timescales such as “6 months” count from it.</source>
        <extracomment>The wording of each kind of problem, with the values review.Problem.params holds.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is missing or doubtful, by key feature and proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{heading} ({n})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} things to check: {kinds}. {rated} of {total} rated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership}, round {label} — status: {status}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{place}: {name}&apos;s reply and the return differ — choose in Round → Resolve merge conflicts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SendPackDialog</name>
    <message>
        <source>&amp;For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Proposals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A return file, for a contributor with &amp;msgdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A workbook, for a contributor with &amp;Excel only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brow&amp;se…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to save the {kind}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For whom (name, role)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key feature {n}: {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, role — e.g. Alan Brown, Chief Finance Officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposals to send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return file (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the return file as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the workbook as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send proposals for contribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the proposals the contributor is to fill in. They send the pack back; File → Merge a contribution… brings their changes in, and nothing you write meanwhile is overwritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wri&amp;te the pack</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Spelling</name>
    <message>
        <source>&amp;Add “{word}” to my dictionary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no suggestions)</source>
        <extracomment>the weight of a word written without one (SCOWL&apos;s large list: rare words) set by the window&apos;s start-up: the first editor&apos;s request waits for release_loading() The editors whose viewport is not yet watched, with the filters to put on it (in order): those made while the word list is held, before the first paint (see _watch_viewport). the misspelt words, in the order of the text: cursors selecting each the end of a misspelt word left unjudged because it was being typed, else None the stretch whose underlines changed during an edit: repainted once Qt has laid it out per misspelt word drawn, its QTextLayout and its ascent (see _paint), in the font of _drawn_font per misspelt word drawn, by (paragraph&apos;s position, its revision, the word&apos;s offset in it), its x, its line&apos;s top and its baseline in the paragraph; for _places_for&apos;s font and width the last menu shown (tests read it)</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&amp;Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Date of completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import a return file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Round (year)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A fresh start (no previous round)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry forward open improvement actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry forward the open improvement &amp;actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crea&amp;te round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a return file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MSG self-evaluation of progress with integration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name, email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not completed yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open se&amp;lected round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open selected round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the North Ayrshire 2019 e&amp;xample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the North Ayrshire 2019 example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate each of the 22 locally completed proposals against the printed descriptors, record the evidence and improvement actions. Everything is saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round (year)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rounds in this database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a new round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start from the previous round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date the self-evaluation is completed. Timescales such as “6 months” count from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous round, {label}: its ratings beside yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 2021</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. North Ayrshire Health and Social Care Partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership} — {label} ({status})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackerTableModel</name>
    <message>
        <source> (set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date read from the timescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date set by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due in {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue by {n} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action&apos;s number under its proposal in the committee appendix</source>
        <extracomment>Sort key of each column: (empty, value); rows with an empty value sort last in both directions. Changes whenever the rows or their RAG change (the proxy recomputes then). Action ids in row order (read by the proxy&apos;s filterAcceptsRow). Lower-cased text the free-text filter searches, by action id.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from {round}</source>
        <extracomment>Pseudo-status for the status filter: every status that is not closed. Lead filter value for actions without a lead.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to {round}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ref}: proposal {proposal}, action {n} in the appendix of round {round}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrackerView</name>
    <message>
        <source> (from the timescale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (set by hand)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> – the return is read-only; following up its actions stays open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;As at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Key feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lead officer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no lead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no text)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unchanged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All &amp;rounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All rounds of the partnership</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried forward from round {round}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried forward to round {rounds} – follow it up there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chan&amp;ge to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear the due date set by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dated</source>
        <extracomment>the name last put in &quot;Recorded by&quot; for the officer (``_author_name``)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due &amp;within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date of {ref} set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due date, status and RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due within the number of days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due: {d}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every entry, oldest first, earlier rounds included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the action in the earlier round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the action in the later round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Histor&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key feature filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;ead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead of {ref} set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead: {l}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No round open</source>
        <extracomment>Emitted after a write (progress, due date, status, lead): action id. Where the save dialogs remember their folder (the window&apos;s settings; None: the default).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No updates yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note on the status change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of days ahead for &apos;Due within&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open (not closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue by {n} days on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress recorded on {ref}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress report as at {day} saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RA&amp;G</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAG: {r}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (re&amp;quired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the progress update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded &amp;by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report (&amp;PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report (E&amp;xcel)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the progress report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the progress report as Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the progress report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searc&amp;h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the due date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only actions overdue on the As at day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only actions with this RAG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only actions with this status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only one key feature&apos;s actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only one lead&apos;s actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only open actions due within this many days of the As at day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the actions of every round of this partnership, not only the open one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status a&amp;fter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status after the update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status and lead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status of {ref} changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: {s}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The committee progress report on this round&apos;s actions, as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The committee progress report on this round&apos;s actions, as an Excel workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of the entry (not in the future)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day the table, its counts and the progress report are as at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The officer or team leading the action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action was carried forward from an earlier round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action was carried forward into a later round and is followed up there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timescale: {t}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the new date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the new due date first (for example 31/03/2022).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the timescale&apos;s date instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What has been done since the last update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the date is set or changed (recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words to find in the reference, action, lead, timescale or latest update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name, recorded with every entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{partnership} – round {label} ({status})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ref} – proposal {proposal}, action {n} in the appendix, round {round}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{shown} of {total} actions · {overdue} overdue on {day} · {needing} need a date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserGuide</name>
    <message>
        <source>User guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>msgdesk user guide</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Draft a direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open return</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <source>You can read but not change this database</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
