"""Calendar invitations: iCalendar REQUEST / PUBLISH / CANCEL files, .eml drafts, REPLY parsing.

The builders here are pure functions of plain data (no database); `export` and `replies`
connect them to the stores. All iCalendar text is produced and read by the icalendar package.
"""
