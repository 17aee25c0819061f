"""A tagged PDF for the published register: a logical structure tree for screen readers.

ReportLab (5.1) writes no structure tree and has no API for one, but it allows the pieces: raw
marked-content operators in a page's stream, a table render callback (`renderCB`) called at
every row and cell, and arbitrary dictionaries in the catalog and on pages. `Tagger` uses them:

- headings and paragraphs of the story are H1/H2/H3/P elements, tables Table/TR/TH/TD (header
  cells with /Scope /Column); a table split across pages stays one Table, its repeated header
  rows marked as artifacts;
- running headers, footers, backgrounds and rules are artifacts;
- at save, StructTreeRoot, the ParentTree, each page's /StructParents and /Tabs /S, and the
  catalog's /MarkInfo << /Marked true >> are written.

What remains for PDF/UA-1: an XMP metadata stream (dc:title, pdfuaid:part; ReportLab writes
only the Info dictionary), the first column as row headers (TH /Scope /Row), and a check with
veraPDF or PAC. The board and public packs are not tagged: their merged papers come from other
tools and are stamped in with pypdf.
"""

from __future__ import annotations

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFString,
)

_STYLE_TAGS = {"gb-h1": "H1", "gb-h2": "H2", "gb-h3": "H3"}


class StructElem:
    """One element of the structure tree; kids are elements or (page name, MCID) pairs."""

    __slots__ = ("tag", "kids", "attributes", "text")

    def __init__(self, tag: str, parent: StructElem | None = None, attributes: dict | None = None,
                 text: str | None = None):
        self.tag = tag
        self.kids: list = []
        self.attributes = attributes
        # The words as they read: ReportLab draws each wrapped line on its own, with no space
        # where a line breaks, so without this "register of / interests" reads "ofinterests".
        self.text = text
        if parent is not None:
            parent.kids.append(self)


class Tagger:
    """Collects marked content while a document is drawn and writes its structure tree."""

    def __init__(self):
        self.root = StructElem("Document")
        self._page_kids: dict[str, list[StructElem]] = {}  # page name -> element of each MCID
        self._tables: dict[int, StructElem] = {}  # id of a table's first part -> its element
        self._drawn_parts: dict[int, int] = {}
        self._row: StructElem | None = None
        self._row_is_artifact = False
        self._cell_open = False

    # --- marking content ---------------------------------------------------------------------

    def begin(self, canv, element: StructElem) -> None:
        page = canv._doc.thisPageName()
        owners = self._page_kids.setdefault(page, [])
        mcid = len(owners)
        owners.append(element)
        element.kids.append((page, mcid))
        canv._code.append(f"/{element.tag} <</MCID {mcid}>> BDC")

    @staticmethod
    def end(canv) -> None:
        canv._code.append("EMC")

    @staticmethod
    def begin_artifact(canv) -> None:
        canv._code.append("/Artifact BMC")

    def tag_for_style(self, style) -> str:
        return _STYLE_TAGS.get(getattr(style, "name", ""), "P")

    def element(self, tag: str, text: str | None = None) -> StructElem:
        return StructElem(tag, self.root, text=text)

    # --- tables (ReportLab's renderCB) ------------------------------------------------------------

    def table_callback(self, table, event: str, *args) -> None:
        canv = table.canv
        if event == "startTable":
            origin = id(getattr(table, "_tag_origin", table))
            part = self._drawn_parts.get(origin, 0)
            self._drawn_parts[origin] = part + 1
            if origin not in self._tables:
                self._tables[origin] = StructElem("Table", self.root)
            table._tag_element = self._tables[origin]
            table._tag_continued = part > 0
        elif event in ("startBG", "startLines"):
            self.begin_artifact(canv)
        elif event in ("endBG", "endLines"):
            self.end(canv)
        elif event == "startRow":
            row_no = args[0]
            self._row_is_artifact = table._tag_continued and row_no < table.repeatRows
            self._row = None if self._row_is_artifact else StructElem("TR", table._tag_element)
        elif event == "startCell":
            row_no = args[0]
            if self._row_is_artifact:
                self.begin_artifact(canv)
            else:
                header = row_no < table.repeatRows
                cell = StructElem("TH" if header else "TD", self._row,
                                  {"O": PDFName("Table"), "Scope": PDFName("Column")} if header else None,
                                  text=_plain_text(args[2]))
                self.begin(canv, cell)
            self._cell_open = True
        elif event == "endCell" and self._cell_open:
            self.end(canv)
            self._cell_open = False

    # --- the tree, written at save ----------------------------------------------------------------

    def write(self, canv) -> None:
        doc = canv._doc
        refs: dict[int, PDFObjectReference] = {}
        dicts: dict[int, PDFDictionary] = {}

        def register(element: StructElem) -> None:
            d = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(element.tag)})
            dicts[id(element)] = d
            refs[id(element)] = doc.Reference(d)
            for kid in element.kids:
                if isinstance(kid, StructElem):
                    register(kid)

        register(self.root)

        def fill(element: StructElem, parent_ref) -> None:
            d = dicts[id(element)]
            if parent_ref is not None:
                d["P"] = parent_ref
            kids = []
            for kid in element.kids:
                if isinstance(kid, StructElem):
                    fill(kid, refs[id(element)])
                    kids.append(refs[id(kid)])
                else:
                    page, mcid = kid
                    kids.append(PDFDictionary({"Type": PDFName("MCR"), "Pg": PDFObjectReference(page),
                                               "MCID": mcid}))
            d["K"] = PDFArray(kids)
            if element.attributes:
                d["A"] = PDFDictionary(dict(element.attributes))
            if element.text:
                d["ActualText"] = PDFString(element.text)

        root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        root_ref = doc.Reference(root)
        fill(self.root, root_ref)
        nums: list = []
        pages = doc.Pages.pages
        for n, page in enumerate(pages):
            name = f"Page{n + 1}"
            page.__NoDefault__ = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = n
            page.Tabs = PDFName("S")  # tab order follows the structure
            nums += [n, PDFArray([refs[id(e)] for e in self._page_kids.get(name, ())])]
        root["K"] = PDFArray([refs[id(self.root)]])
        root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        root["ParentTreeNextKey"] = len(pages)
        catalog = doc.Catalog
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})


def _plain_text(value) -> str | None:
    """A cell's words on one line: a Paragraph's plain text, a string, or a list of them."""
    if isinstance(value, (list, tuple)):
        parts = [_plain_text(v) for v in value]
        return " ".join(p for p in parts if p) or None
    if hasattr(value, "getPlainText"):
        return " ".join(value.getPlainText().split()) or None
    if isinstance(value, str):
        return " ".join(value.split()) or None
    return None


def render_table(table, event: str, *args) -> None:
    """A table's renderCB: tags its rows and cells when the canvas is building a tagged PDF."""
    tagger = getattr(table.canv, "gb_tagger", None)
    if tagger is not None:
        tagger.table_callback(table, event, *args)
