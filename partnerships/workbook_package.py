"""Is this an Excel workbook we may open? Checked on the package before any cell is read.

A workbook (.xlsx) is a zip of XML parts. Before openpyxl sees it, everything that could cost
memory or time or run something is refused with one message: an old or password-protected
workbook (an OLE container; an encrypted .xlsx is one holding `EncryptionInfo`), a zip of too
many parts, parts that declare or actually unpack to more than the size limit (a zip bomb, also
one that lies about its sizes), a macro-enabled or binary workbook, a zip that is no workbook,
and a document type declaration in any part (entity tricks; Excel never writes one). The XML
that is parsed later goes through defusedxml as well.
"""
from __future__ import annotations

import io
import logging
import struct
import zipfile

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from partnerships import settings
from partnerships.messages import said
from partnerships.problems import DataFileError
from partnerships.settings import Limits

log = logging.getLogger(__name__)
ZIP_SIGNATURE, OLE_SIGNATURE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
MAX_PARTS = 10_000  # Excel writes a few dozen; each costs the zip reader memory before anything else
_CHUNK = 1 << 20
_END_OF_DIRECTORY, _END_RECORD_SIZE = b"PK\x05\x06", 22
_DOCTYPES = tuple(b"<!DOCTYPE".decode().encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))
_XML_PARTS = (".xml", ".rels", ".vml")
# XML in UTF-8 or UTF-16, as Excel writes it. Another encoding (EBCDIC, UTF-32) could spell a
# DOCTYPE the search above does not see, so a part must begin like one of these.
_XML_STARTS = (b"<", b"\xef\xbb\xbf<", b"\xff\xfe<\x00", b"\xfe\xff\x00<", b"<\x00", b"\x00<")
_CONTENT_TYPES = "[Content_Types].xml"
_WORKBOOK_TYPES = ("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml")
_REFUSED_TYPES = {"sheet.binary": "workbook_binary", "macroEnabled": "workbook_macros"}  # .xlsb is both


def is_workbook(raw: bytes) -> bool:
    """A zip or an OLE container: a workbook of some kind, for this module to read or refuse."""
    return raw.startswith((ZIP_SIGNATURE, OLE_SIGNATURE))


def open_package(raw: bytes, limits: Limits) -> zipfile.ZipFile:
    """The workbook's zip, once every part has been checked; DataFileError otherwise."""
    if raw.startswith(OLE_SIGNATURE):
        encrypted = "EncryptionInfo".encode("utf-16-le") in raw[:_CHUNK]
        raise DataFileError(said("workbook_encrypted" if encrypted else "workbook_xls"))
    _check_part_count(raw)
    try:
        package = zipfile.ZipFile(io.BytesIO(raw))
        parts = package.infolist()
    except Exception as err:  # whatever the zip reader makes of a damaged directory
        raise _damaged(err) from None
    if any(part.flag_bits & 0x1 for part in parts):
        raise DataFileError(said("workbook_encrypted"))
    declared = sum(part.file_size for part in parts)
    if declared > limits.max_bytes:
        raise _too_big(declared, limits)
    _check_kind(package)
    unpacked = 0
    for part in parts:
        unpacked = _check_part(package, part, unpacked, limits)
    return package


def _check_part_count(raw: bytes) -> None:
    """The count the zip's last record declares, read before the zip reader lists the parts."""
    end = raw.rfind(_END_OF_DIRECTORY, max(0, len(raw) - _END_RECORD_SIZE - 0xFFFF))
    if end < 0 or len(raw) < end + _END_RECORD_SIZE:
        raise _damaged("no zip directory")
    count = struct.unpack_from("<H", raw, end + 10)[0]
    if count > MAX_PARTS:
        raise DataFileError(said("workbook_too_many_parts", count=count, limit=MAX_PARTS))


def _check_kind(package: zipfile.ZipFile) -> None:
    """A workbook without macros, as its content types say."""
    try:
        info = package.getinfo(_CONTENT_TYPES)
    except KeyError:
        raise DataFileError(said("zip_not_workbook")) from None
    text = _read_small(package, info)
    types = [element.get("ContentType", "") for element in _parse(text, _CONTENT_TYPES)]
    for marker, key in _REFUSED_TYPES.items():
        if any(marker in kind for kind in types):
            raise DataFileError(said(key))
    if any(name.lower().endswith("vbaproject.bin") for name in package.namelist()):
        raise DataFileError(said("workbook_macros"))
    if not any(kind.endswith(_WORKBOOK_TYPES) for kind in types):
        raise DataFileError(said("zip_not_workbook"))


def _check_part(package: zipfile.ZipFile, part: zipfile.ZipInfo, unpacked: int, limits: Limits) -> int:
    """Unpack one part, counting what it really unpacks to and looking for a DOCTYPE in XML."""
    xml = part.filename.lower().endswith(_XML_PARTS)
    tail, first = b"", True
    try:
        with package.open(part) as source:
            while chunk := source.read(_CHUNK):
                if xml and first and not chunk.lstrip(b" \t\r\n").startswith(_XML_STARTS):
                    raise DataFileError(said("workbook_not_xml", part=part.filename))
                first = False
                unpacked += len(chunk)
                if unpacked > limits.max_bytes:
                    raise _too_big(unpacked, limits)
                if xml and any(doctype in tail + chunk for doctype in _DOCTYPES):
                    raise DataFileError(said("workbook_doctype", part=part.filename))
                tail = chunk[-32:]
    except DataFileError:
        raise
    except Exception as err:  # a bad CRC, a method the zip reader lacks, a stream cut short
        raise _damaged(err) from None
    return unpacked


def _read_small(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return package.read(info)
    except Exception as err:  # as in _check_part
        raise _damaged(err) from None


def _parse(text: bytes, part: str):
    """A small part (content types, the workbook, its relations) as an element tree, safely."""
    try:
        return fromstring(text, forbid_dtd=True)
    except DefusedXmlException:
        raise DataFileError(said("workbook_doctype", part=part)) from None
    except Exception as err:  # a ParseError of either XML library
        raise _damaged(err) from None


def read_part(package: zipfile.ZipFile, name: str):
    """A small XML part of the package, parsed safely; None when it is not there."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    return _parse(_read_small(package, info), name)


def _damaged(reason: object) -> DataFileError:
    """The zip library's reason is English only: it goes to the log; the message says what to do."""
    log.info("An unreadable workbook: %s", reason)
    return DataFileError(said("zip_unreadable"))


def _too_big(size: int, limits: Limits) -> DataFileError:
    return DataFileError(said("workbook_too_big", size=size / 1e6, limit=limits.max_megabytes,
                              setting=settings.MAX_FILE_MB_ENV))
