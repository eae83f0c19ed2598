/**
 * Octavo's default EPUB stylesheet, tuned for reflowable e-ink as much as for tablets: relative
 * units only, no fixed widths, no colours or body font size forced on the reader (their settings
 * win), hyphenation on, indented paragraphs with the first after a heading or break flush. The
 * `-epub-`/`-webkit-` prefixes are for Apple Books and older RMSDK (Adobe) readers; Kindle's
 * converter ignores what it does not know.
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
blockquote p:first-child,
li p,
figcaption,
aside p {
  text-indent: 0;
}

p.center { text-align: center; text-indent: 0; }
p.right { text-align: right; text-indent: 0; }

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

hr.scene-break {
  border: 0;
  margin: 1.2em auto;
  height: 1.2em;
  text-align: center;
  overflow: visible;
  page-break-after: avoid;
  break-after: avoid;
}

hr.scene-break::after {
  content: "*\\00a0\\00a0*\\00a0\\00a0*";
  display: block;
  line-height: 1.2em;
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

.verse p.line {
  text-indent: -1.5em;
  padding-left: 1.5em;
  text-align: left;
}

ul, ol { margin: 1em 0; padding-left: 2em; }

figure {
  margin: 1.5em 0;
  text-align: center;
  page-break-inside: avoid;
  break-inside: avoid;
}

figure img {
  max-width: 100%;
  max-height: 95vh;
  height: auto;
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

caption {
  caption-side: top;
  font-style: italic;
  text-align: center;
  margin-bottom: 0.4em;
}

p.table-caption { font-style: italic; text-align: center; text-indent: 0; }

th, td {
  border: 1px solid;
  padding: 0.2em 0.4em;
  vertical-align: top;
  text-align: left;
  overflow-wrap: break-word;
  word-wrap: break-word;
}

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

/* Generated pages */

.titlepage, .copyright-page, .dedication-page { text-align: center; }
.titlepage h1 { margin: 20% 0 0.5em; font-size: 2em; }
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

.about-author h1, .also-by h1 { margin: 20% 0 1.5em; font-size: 1.6em; text-align: center; }
.also-by ul { list-style-type: none; padding: 0; text-align: center; font-style: italic; }
.also-by li { margin: 0.3em 0; }
.archive-preface h1, .end-notes h1, .update-log h1 { margin: 1em 0; font-size: 1.4em; text-align: center; }
.archive-preface .author { text-align: center; margin-bottom: 1.5em; }
.archive-preface dl.tags { margin: 0 0 1.5em; }
.archive-preface dt { font-weight: bold; margin-top: 0.4em; }
.archive-preface dd { margin: 0 0 0 1.5em; }
.archive-preface h2 { font-size: 1.1em; margin: 1.2em 0 0.5em; }
.archive-preface p, .end-notes p { text-indent: 0; margin: 0 0 0.6em; }
.update-log ul { padding-left: 1.5em; }

nav#toc ol { list-style-type: none; padding-left: 0; margin: 0; }
nav#toc ol ol { padding-left: 1.5em; }
nav#toc li { margin: 0.4em 0; text-align: left; }
nav#toc a { text-decoration: none; }

.cover-page { margin: 0; padding: 0; text-align: center; }
.cover-page svg { display: block; margin: 0; padding: 0; height: 100%; width: 100%; }
`
