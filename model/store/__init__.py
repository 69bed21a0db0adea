"""The store: the owner's records on disk, kept safe.

:class:`Store` is the only way in. The file format (a TinyDB-layout JSON file plus
copy-on-write part files for the big tables), the lock, the journal of one
process's own changes, the daily backups and the default location live in the
modules beside it; the rest of Kizuna uses only the names below.
"""

from model.store.backups import backups_dir
from model.store.database import Store
from model.store.paths import default_store_path
from model.store.recovery import diagnose, list_backups, plan_restore, repair, restore
from model.store.storage import atomic_write
from model.store.layout import forget_device, to_one_file
from model.store.devices import DEVICE_NAME, devices_dir, off_marker, own_file, switch_sync, sync_reason

__all__ = ["DEVICE_NAME", "Store", "atomic_write", "backups_dir", "default_store_path", "devices_dir", "diagnose", "forget_device",
           "list_backups", "off_marker", "own_file", "plan_restore", "repair", "restore", "switch_sync",
           "sync_reason", "to_one_file"]
