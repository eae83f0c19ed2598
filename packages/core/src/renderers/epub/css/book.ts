/**
 * Octavo's default EPUB stylesheet, tuned for reflowable e-ink as much as for tablets: relative
 * units only, no fixed widths, no colours or body font size forced on the reader (their settings
 * win), hyphenation on, indented paragraphs with the first after a heading or break flush. The
 * `-epub-`/`-webkit-` prefixes are for Apple Books and older RMSDK (Adobe) readers; Kindle's
 * converter ignores what it does not know.
 *
 * Direction: sides are physical (`left`, `padding-left`) and a right-to-left book mirrors them in
 * `[dir="rtl"]` rules. Logical values (`text-align: start`, `padding-inline-start`) would say it
 * once, but RMSDK and Kindle's converters drop what they do not know and would fall back to the
 * body's justified text or no indent at all: a left-to-right book must look as it always has there.
 */
export const bookCss = `@charset "UTF-8";

body {
  margin: 0;
  padding: 0 2%;
  line-height: 1.4;
  widows: 2;
  orphans: 2;
  -epub-hyphens: auto;
  -webkit-hyphens: auto;
  hyphens: auto;
  text-align: justify;
}

p {
  margin: 0;
  text-indent: 1.5em;
}

p.first,
h1 + p, h2 + p, h3 + p, h4 + p, h5 + p, h6 + p,
hr + p,
aside + p,
.verse + p,
figure + p,
blockquote p:first-child,
li p,
figcaption,
aside p {
  text-indent: 0;
}

p.center { text-align: center; text-indent: 0; }
p.right { text-align: right; text-indent: 0; }
/*
 * \`right\` is the side a source names for a letter's closing, a signature or a date line, all
 * written with left-to-right pages in mind; in a right-to-left book those sit at the end of the
 * line, which is the left.
 */
[dir="rtl"] p.right { text-align: left; }

h1, h2, h3, h4, h5, h6 {
  text-align: center;
  text-indent: 0;
  font-weight: normal;
  line-height: 1.2;
  -epub-hyphens: none;
  -webkit-hyphens: none;
  hyphens: none;
  page-break-after: avoid;
  break-after: avoid;
}

h1 { font-size: 1.5em; margin: 3em 0 2em; }
h2 { font-size: 1.25em; margin: 1.5em 0 1em; }
h3 { font-size: 1.1em; margin: 1.25em 0 0.75em; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 0.5em; font-style: italic; }

section, .chapter-start {
  page-break-before: always;
  break-before: page;
}

h1 .chapter-label, h1 .part-label {
  display: block;
  font-size: 0.75em;
  letter-spacing: 0.1em;
  text-transform: uppercase;
  margin-bottom: 0.5em;
}

h1 .chapter-title, h1 .part-title { display: block; }

p.chapter-subtitle {
  text-align: center;
  text-indent: 0;
  font-style: italic;
  margin: -1em 0 2em;
}

/*
 * A scene break is a short centred rule everywhere (RMSDK draws no \`::after\`, and a blank
 * space alone vanishes at the top or foot of a page); where \`@supports\` is understood, so is
 * \`::after\`, and the rule gives way to three asterisks. Its colour is the text's: a browser's
 * own grey for \`hr\` would be dim on a night theme.
 */
hr.scene-break {
  color: inherit;
  border: 0;
  border-top: 1px solid;
  width: 20%;
  height: 0;
  margin: 1.2em auto;
  text-align: center;
  overflow: visible;
  page-break-after: avoid;
  break-after: avoid;
}

@supports (display: block) {
  hr.scene-break {
    border-top: 0;
    width: auto;
    height: 1.2em;
  }

  hr.scene-break::after {
    content: "*\\00a0\\00a0*\\00a0\\00a0*";
    display: block;
    line-height: 1.2em;
    color: inherit;
  }
}

blockquote {
  margin: 1em 5%;
}

.verse {
  margin: 1em 5%;
  text-align: left;
  -epub-hyphens: none;
  -webkit-hyphens: none;
  hyphens: none;
}

/* A line too long for the screen wraps with a hanging indent, on the side the line starts. */
.verse p.line {
  text-indent: -1.5em;
  padding-left: 1.5em;
  text-align: left;
}

[dir="rtl"] .verse, [dir="rtl"] .verse p.line { text-align: right; }
[dir="rtl"] .verse p.line { padding-left: 0; padding-right: 1.5em; }

/*
 * A poem typed as a block quote, a stanza to a paragraph with line breaks (xhtml/handlers.ts
 * marks them): stanzas are parted by a blank line and not indented, and lines are not justified.
 */
blockquote p.stanza {
  margin: 1em 0;
  text-indent: 0;
  text-align: left;
  -epub-hyphens: none;
  -webkit-hyphens: none;
  hyphens: none;
}

[dir="rtl"] blockquote p.stanza { text-align: right; }

ul, ol { margin: 1em 0; padding-left: 2em; }
[dir="rtl"] ul, [dir="rtl"] ol { padding-left: 0; padding-right: 2em; }

figure {
  margin: 1.5em 0;
  text-align: center;
  page-break-inside: avoid;
  break-inside: avoid;
}

/*
 * A picture fits the screen whole, its proportions kept. 75vh, not nearly all of it: a reading
 * system's own page margins (often 10-15% of the height) and the caption come out of the same
 * viewport height. The white ground shows line art drawn on transparency (black ink on nothing)
 * on a night theme's dark page; an opaque picture covers it, and on a white page it is unseen.
 */
figure img {
  max-width: 100%;
  max-height: 75vh;
  width: auto;
  height: auto;
  background-color: #fff;
}

img.inline { max-height: 1.2em; vertical-align: middle; }

figcaption {
  font-size: 0.9em;
  font-style: italic;
  margin-top: 0.5em;
  text-align: center;
}

.image-missing { font-style: italic; }

pre {
  margin: 1em 0;
  white-space: pre-wrap;
  text-align: left;
  font-size: 0.85em;
  -epub-hyphens: none;
  -webkit-hyphens: none;
  hyphens: none;
}

code { font-family: monospace; }

.smallcaps {
  font-variant: small-caps;
  -epub-font-variant: small-caps;
}

/* Marks the author typed. Sub- and superscripts take no line height, so the lines stay even. */
s { text-decoration: line-through; }
u { text-decoration: underline; }
sub, sup { font-size: 0.75em; line-height: 0; }
sub { vertical-align: sub; }
sup { vertical-align: super; }

/*
 * Tables: ruled, compact, left-aligned text (justified cells would gape). A wide table scrolls
 * sideways where the reading system can; where it cannot (Kindle, RMSDK), its cells wrap and
 * long words break rather than run off the page.
 */
div.table-wrap {
  margin: 1em 0;
  max-width: 100%;
  overflow-x: auto;
}

table {
  border-collapse: collapse;
  margin: 0 auto;
  max-width: 100%;
  font-size: 0.9em;
  line-height: 1.3;
  text-align: left;
  text-indent: 0;
  -epub-hyphens: auto;
  -webkit-hyphens: auto;
  hyphens: auto;
}

[dir="rtl"] table { text-align: right; }

caption {
  caption-side: top;
  font-style: italic;
  text-align: center;
  margin-bottom: 0.4em;
}

p.table-caption { font-style: italic; text-align: center; text-indent: 0; }

/*
 * \`anywhere\`, unlike \`break-word\`, lets a long word break when the table's column widths are
 * worked out, so a cell's narrowest width shrinks and the table fits a phone; engines that do not
 * know it keep \`break-word\` from the line before.
 */
th, td {
  border: 1px solid;
  padding: 0.2em 0.4em;
  vertical-align: top;
  text-align: left;
  word-wrap: break-word;
  overflow-wrap: break-word;
  overflow-wrap: anywhere;
}

[dir="rtl"] th, [dir="rtl"] td { text-align: right; }

th { font-weight: bold; }
thead th { border-bottom-width: 2px; }
th.align-left, td.align-left { text-align: left; }
th.align-center, td.align-center { text-align: center; }
th.align-right, td.align-right { text-align: right; }

sup.noteref {
  font-size: 0.75em;
  line-height: 0;
  vertical-align: super;
  -epub-hyphens: none;
}

a.noteref {
  text-decoration: none;
}

aside.footnote {
  font-size: 0.9em;
  margin: 1em 0;
}

/*
 * The notes after a chapter's text, where a reading system shows them in place rather than as
 * pop-ups, begin under a rule. Where notes are pop-ups the aside is hidden, the rule with it.
 */
section + aside.footnote {
  margin-top: 2em;
  padding-top: 0.5em;
  border-top: 1px solid;
}

aside.author-note {
  margin: 1.5em 5%;
  padding: 0.5em 0;
  border-top: 1px solid;
  border-bottom: 1px solid;
  font-size: 0.95em;
}

aside.author-note p.author-note-label {
  font-weight: bold;
  text-align: left;
  margin-bottom: 0.5em;
}

[dir="rtl"] aside.author-note p.author-note-label { text-align: right; }

/* Generated pages */

.titlepage, .copyright-page, .dedication-page { text-align: center; }
/*
 * Hyphenated and broken anywhere if need be: a long title at a large font size wraps within the
 * page rather than running off it. A long one (class \`long\`, over 60 characters) is set smaller,
 * and a very long one (\`longest\`, over 100) smaller still, with less space around it, so that
 * the title page stays one page at a large font size (as far as its other lines let it).
 */
.titlepage h1 {
  margin: 20% 0 0.5em;
  font-size: 2em;
  overflow-wrap: break-word;
  word-wrap: break-word;
  -epub-hyphens: auto;
  -webkit-hyphens: auto;
  hyphens: auto;
}
.titlepage h1.long { margin-top: 10%; font-size: 1.5em; }
.titlepage h1.longest { margin-top: 5%; font-size: 1.25em; }
.titlepage h1.longest ~ .series, .titlepage h1.longest ~ .publisher { margin-top: 1.5em; }
.titlepage p { text-indent: 0; text-align: center; }
.titlepage .subtitle { font-size: 1.2em; font-style: italic; margin-bottom: 2em; }
.titlepage .author { font-size: 1.2em; margin: 0.3em 0; }
.titlepage h1 + .author, .titlepage .subtitle + .author { margin-top: 1.5em; }
.titlepage .contributors { font-style: italic; margin: 0.3em 0; }
.titlepage .author + .contributors { margin-top: 1.5em; }
.titlepage .series, .titlepage .publisher { font-size: 0.9em; margin-top: 2em; }

.copyright-page { margin-top: 30%; font-size: 0.85em; }
.copyright-page p { text-indent: 0; text-align: center; margin: 0.5em 0; }
.copyright-page h1 { font-size: 1.2em; margin: 0 0 1em; }

.dedication-page p { text-indent: 0; text-align: center; font-style: italic; margin: 0; }
.dedication-page p:first-child { margin-top: 30%; }

.epigraph-page blockquote { margin: 30% 10% 0; font-style: italic; }
.epigraph-page p { text-indent: 0; margin: 0; }
.epigraph-page .epigraph-source { font-style: normal; text-align: right; margin-top: 0.5em; }
[dir="rtl"] .epigraph-page .epigraph-source { text-align: left; }

.about-author h1, .also-by h1 { margin: 20% 0 1.5em; font-size: 1.6em; text-align: center; }
.also-by ul { list-style-type: none; padding: 0; text-align: center; font-style: italic; }
.also-by li { margin: 0.3em 0; }
.archive-preface h1, .end-notes h1, .update-log h1 { margin: 1em 0; font-size: 1.4em; text-align: center; }
.archive-preface .author { text-align: center; margin-bottom: 1.5em; }
.archive-preface dl.tags { margin: 0 0 1.5em; }
.archive-preface dt { font-weight: bold; margin-top: 0.4em; }
.archive-preface dd { margin: 0 0 0 1.5em; }
[dir="rtl"] .archive-preface dd { margin: 0 1.5em 0 0; }
.archive-preface h2 { font-size: 1.1em; margin: 1.2em 0 0.5em; }
.archive-preface p, .end-notes p { text-indent: 0; margin: 0 0 0.6em; }
.update-log ul { padding-left: 1.5em; }
[dir="rtl"] .update-log ul { padding-left: 0; padding-right: 1.5em; }

nav#toc ol { list-style-type: none; padding-left: 0; margin: 0; }
nav#toc ol ol { padding-left: 1.5em; }
nav#toc li { margin: 0.4em 0; text-align: left; }
nav#toc a { text-decoration: none; }
[dir="rtl"] nav#toc ol { padding-right: 0; }
[dir="rtl"] nav#toc ol ol { padding-left: 0; padding-right: 1.5em; }
[dir="rtl"] nav#toc li { text-align: right; }

/* For readers that ignore \`hidden\` (Kindle's older converters): the landmarks are for the system. */
nav#landmarks, nav[hidden] { display: none; }

/*
 * The cover page is the viewport's height, and the picture fits in it whole, whichever way the
 * screen is turned and in scrolled mode as well (the SVG's \`preserveAspectRatio\` keeps it whole).
 */
html.cover-page, html.cover-page body, .cover-page section.cover {
  height: 100%;
  margin: 0;
  padding: 0;
}
.cover-page { margin: 0; padding: 0; text-align: center; }
.cover-page svg { display: block; margin: 0; padding: 0; height: 100%; width: 100%; }
`
