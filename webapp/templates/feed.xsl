<?xml version="1.0" encoding="utf-8"?>
<!-- Shows a Mötesarkivet feed opened in a browser as a Swedish page: what a feed is, how to subscribe to it, and
     what is in it now. Feed readers ignore it. A Jinja template (the site's header), so it must stay well-formed XML. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom"
                exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:variable name="self" select="/atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="page" select="/atom:feed/atom:link[@rel='alternate']/@href"/>
  <xsl:variable name="name" select="substring-before(concat(/atom:feed/atom:title, ' – Mötesarkivet'), ' – Mötesarkivet')"/>
  <xsl:variable name="assignments" select="contains($self, '/uppdrag.atom')"/>  <!-- a feed of assignments, not of items -->

  <xsl:template match="/">
    <html lang="sv">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>Bevaka: <xsl:value-of select="$name"/> – Mötesarkivet</title>
        <link rel="stylesheet" href="{{ url_for('static', filename='style.css') }}"/>
        <link rel="icon" href="{{ url_for('static', filename='favicon.svg') }}" type="image/svg+xml"/>
        <script src="{{ url_for('static', filename='app.js') }}" defer="defer"></script>
      </head>
      <body>
        {% with feed_page=True %}{% include "_partials/site_header.html" %}{% endwith %}
        <main id="innehall" class="wrap feed-page" tabindex="-1">
          <p class="eyebrow">Bevaka</p>
          <h1><xsl:value-of select="$name"/></h1>
          <p class="lead">Det här är ett bevakningsflöde. Lägg in adressen i ett program som läser flöden,
            så ser du <xsl:choose>
              <xsl:when test="$assignments">nya uppdrag</xsl:when>
              <xsl:otherwise>nya punkter och beslut om <strong><xsl:value-of select="$name"/></strong></xsl:otherwise>
            </xsl:choose> när de kommer in i arkivet, utan att behöva söka igen.</p>

          <section class="feed-subscribe" aria-labelledby="hur">
            <h2 id="hur">Så bevakar du</h2>
            <ol>
              <li>Kopiera adressen till flödet:
                <div class="share__row">
                  <label for="feed-url" class="visually-hidden">Flödets adress</label>
                  <input id="feed-url" type="text" readonly="readonly" value="{$self}"/>
                  <button type="button" class="button button--small" data-copy-from="feed-url">Kopiera adressen</button>
                </div>
                <p class="cite__status" role="status"></p>
              </li>
              <li>Klistra in den i din flödesläsare:
                <ul>
                  <li><strong>Outlook</strong> (klassiska Outlook för Windows): högerklicka på mappen <em>RSS-flöden</em>,
                    välj <em>Lägg till ett nytt RSS-flöde</em> och klistra in adressen.</li>
                  <li><strong>Thunderbird</strong>: <em>Nytt</em> → <em>Flödeskonto</em>, sedan <em>Hantera prenumerationer</em>.</li>
                  <li><strong>Feedly, Inoreader</strong> och andra flödestjänster: välj att lägga till ett flöde och klistra in adressen.</li>
                </ul>
              </li>
              <li>Klart. Flödet visar de senaste 50 <xsl:choose><xsl:when test="$assignments">uppdragen, det nyaste</xsl:when><xsl:otherwise>punkterna, den nyaste</xsl:otherwise></xsl:choose> först.</li>
            </ol>
            <p><a href="{$page}">Tillbaka till sidan i arkivet</a> · <a href="{{ url_for('pages.help', _anchor='bevaka') }}">Mer om att bevaka</a></p>
          </section>

          <section aria-labelledby="senaste">
            <h2 id="senaste">Det senaste i flödet</h2>
            <xsl:choose>
              <xsl:when test="/atom:feed/atom:entry">
                <ol class="feed-entries">
                  <xsl:for-each select="/atom:feed/atom:entry">
                    <li>
                      <xsl:variable name="day" select="substring(atom:updated, 1, 10)"/>
                      <!-- '2026-04-09' as '9 april 2026': the month's name from a row of nine-letter cells -->
                      <p class="hit__meeting"><time datetime="{$day}"><xsl:value-of select="number(substring($day, 9, 2))"/>
                        <xsl:text> </xsl:text><xsl:value-of select="normalize-space(substring('januari  februari mars     april    maj      juni     juli     augusti  septemberoktober  november december ', (number(substring($day, 6, 2)) - 1) * 9 + 1, 9))"/>
                        <xsl:text> </xsl:text><xsl:value-of select="substring($day, 1, 4)"/></time></p>
                      <h3 class="hit__title"><a href="{atom:link/@href}"><xsl:value-of select="atom:title"/></a></h3>
                      <p class="hit__snippet"><xsl:value-of select="atom:summary"/></p>
                    </li>
                  </xsl:for-each>
                </ol>
              </xsl:when>
              <xsl:otherwise><p>Flödet är tomt just nu.</p></xsl:otherwise>
            </xsl:choose>
          </section>
        </main>
        {% include "_partials/site_footer.html" %}
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
