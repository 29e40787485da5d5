"""Who may do what with personal information; used by views and templates alike."""

import rules

from governance.rules import can_manage_directory, is_self

# The log of accesses to personal information: the ADOC team and administrators.
rules.add_perm("privacy.view_access_log", can_manage_directory)
# A person's personal information as a file: the person, or the ADOC team answering a request.
rules.add_perm("privacy.export_person_data", can_manage_directory | is_self)
# Anonymising someone who left: the ADOC team and administrators, never oneself.
rules.add_perm("privacy.anonymise_person", can_manage_directory & ~is_self)
