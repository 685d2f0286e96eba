extension ImportRules {
    /// The built-in rules, in the same YAML form as `content/import-rules.yml`, which adds to them.
    static let defaultYAML = """
        # Lines that are site furniture wherever they stand at the top or bottom of a capture.
        # Compared without regard to case, accents or surrounding punctuation.
        furniture:
          - skip to content
          - skip to main content
          - skip to navigation
          - saltar al contenido
          - ir al contenido
          - menu
          - main menu
          - search
          - buscar
          - home
          - inicio
          - share
          - share this
          - share this article
          - compartir
          - tweet
          - print
          - imprimir
          - email
          - facebook
          - twitter
          - whatsapp
          - telegram
          - read more
          - leer más
          - see all
          - see all answer
          - ver todo
          - ask a question
          - join now
          - donate now
          - donate today
          - dona ahora
          - become a supporter
          - fighting fund
          - subscribe
          - suscríbete
          - advertisement
          - publicidad
          - previous article
          - next article
          - artículo anterior
          - siguiente artículo
          - leave a comment
          - leave a reply
          - comments
          - comentarios
          - tags
          - etiquetas
          - categories
          - categorías

        # A line starting with one of these is furniture (captions, credits, follow-us lines).
        furniture_prefixes:
          - "image:"
          - "photo:"
          - "picture:"
          - "featured image:"
          - "imagen:"
          - "foto:"
          - "fotografía:"
          - "credit:"
          - "crédito:"
          - "follow "
          - "síguenos"
          - "sigue a "
          - "share on "
          - "compartir en "
          - "you've raised"
          - "we need:"
          - "posted in "
          - "posted on "
          - "for immediate release"
          - "press release"
          - "nota de prensa"
          - "comunicado de prensa"
          - "para publicación inmediata"
          - "contact:"
          - "contacto:"
          - "page 1 of"
          - "página 1 de"
          - "etiquetas:"
          - "tags:"
          - "comparte esta nota"
          - "published on "
          - "publicado el "
          - "filed under "
          - "publicado en "
          - "tagged "
          - "related:"
          - "• "

        # From a line like one of these to the end, everything is furniture.
        cut_from:
          - related articles
          - related posts
          - related stories
          - related
          - more from
          - you may also like
          - artículos relacionados
          - noticias relacionadas
          - también te puede interesar
          - owned by our readers
          - reader-owned
          - mailbag
          - support our journalism
          - apoya nuestro periodismo
          - about the author
          - sobre el autor
          - comments
          - comentarios
          - leave a reply
          - deja un comentario
          - responses
          - replies
          - respuestas
          - reactions
          - one response
          - one comment
          - un comentario

        # Words that make a short closing line an appeal to act rather than part of the statement.
        appeals:
          - donate
          - join
          - subscribe
          - sign up
          - support us
          - become a member
          - dona
          - únete
          - afíliate
          - suscríbete
          - apóyanos

        # Words that mark a sentence as a call for something, by language. A demand's phrase only
        # counts in a sentence (or just after one) that has one of these.
        calls:
          en: [demand, call, calling, urge, must, should, need, we want, ask, asking, insist, support, join,
               stand with, solidarity with, appropriate, let, fight for, struggle for, oppose, hands off,
               free, release, end to, stop, resign, now]
          es: [exig, demand, reclam, llam, pedi, pide, piden, pedimos, urg, debe, deben, necesit, apoy,
               respald, nos sumamos, solidaridad con, luch, fuera, libertad, alto, basta, renuncia, ya]

        # Words that mark a sentence as reporting a call others make; such a call is not the issuer's,
        # unless the sentence also speaks for the writer (first_person) or names the issuer.
        reporting:
          en: [said, says, told, according to, reported, reportedly, protesters, protestors, demonstrators,
               marchers, strikers, they demand, they are demanding, they call, they called, their demands,
               claimed, the opposition, critics, analysts, officials, the government, the president, they,
               it wants, the movement, their platform, in a statement, announced, in a communique]
          es: [dijo, dijeron, afirmo, afirmaron, declaro, declararon, senalo, senalaron, segun, manifestantes,
               protestantes, pobladores, huelguistas, los dirigentes, exigen los, piden los, reclaman los,
               sus demandas, sus exigencias, el gobierno, la presidenta, informo, ellos, ellas, exigen, piden,
               reclaman, demandan, en un comunicado, anuncio, anunciaron, mediante un comunicado]

        # Words of a writer speaking for itself.
        first_person:
          en: [we, our, us, i, let us, let's]
          es: [nosotros, nosotras, nuestro, nuestra, nuestros, nuestras, exigimos, pedimos, demandamos, llamamos,
               reclamamos, nos sumamos, saludamos, expresamos, apoyamos, respaldamos, convocamos, denunciamos]

        # Words that, a few words before a demand's phrase, reject it rather than call for it.
        rejections:
          en: [reject, rejects, rejecting, oppose, opposes, opposing, against, no to, refuse, refuses,
               instead of, rather than]
          es: [rechaz, nos oponemos, se opone, contra, en contra de, no a, no al, no aceptamos, en lugar de]

        # Verbs that, after an organisation's name opening a sentence, make it the issuer:
        # "The Communist Party of Canada demands…", "El Partido Comunista Peruano denuncia…".
        issuer_verbs:
          en: [demands, condemns, denounces, calls, stands, joins, expresses, salutes, rejects, supports,
               declares, affirms, extends, sends, reiterates, welcomes, urges, states, notes, strongly,
               firmly, is, has, sees, regards]
          es: [exige, condena, denuncia, llama, convoca, expresa, saluda, rechaza, respalda, apoya, declara,
               manifiesta, reitera, se, hace, ratifica, comunica, informa]

        # Words that make a closing line a signature even without an organisation on record.
        signature_words:
          en: [committee, secretariat, bureau, council, executive, party, union, federation, confederation,
               front, movement, league, association, collective, board, department, commission, alliance,
               network, coalition, group, campaign, centre, center, congress, assembly, coordinator, forum,
               organisation, organization, society, platform]
          es: [comité, secretariado, buró, consejo, ejecutivo, partido, sindicato, federación,
               confederación, frente, movimiento, liga, asociación, colectivo, dirección, comisión, alianza,
               red, coordinadora, coalición, grupo, campaña, asamblea, plataforma, foro,
               organización, colegio, gremio]

        # Of the signature words, those that name a body inside an organisation ("Central Committee"):
        # a signature of such a body alone does not name the issuer when the site does.
        organ_words:
          en: [committee, secretariat, bureau, council, executive, board, department, commission, office]
          es: [comité, secretariado, buró, consejo, ejecutivo, dirección, comisión, secretaría]

        # Bylines that name a desk or an account, not a person ("Communications Team", "Redacción"), in
        # a page's metadata or its text.
        not_authors: [team, office, desk, staff, editor, editors, editorial, admin, administrator, administrador,
                      webmaster, redaccion, prensa, comunicaciones, communications, press, newsroom, agencies,
                      agencias, author, user, guest, anonymous, anonimo]

        # Month names by language, January first, for dates in languages beyond English and Spanish
        # (which are built in).
        months:
          pt: [janeiro, fevereiro, março, abril, maio, junho, julho, agosto, setembro, outubro, novembro, dezembro]
          fr: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]
          it: [gennaio, febbraio, marzo, aprile, maggio, giugno, luglio, agosto, settembre, ottobre, novembre, dicembre]
          de: [januar, februar, märz, april, mai, juni, juli, august, september, oktober, november, dezember]

        # Languages whose numeric dates put the day first ("14/01/2023"). English is day first unless
        # the page says it is American English ("en-US"); without that, an ambiguous English date is
        # left for review unless another date in the text shows the order.
        day_first: [es, fr, pt, it, de, nl, ca, gl, eu]

        # Common words by language, to tell the language of a text.
        stopwords:
          en: [the, and, of, to, in, is, that, for, with, are, was, have, has, this, by, on, it, as, be, from]
          es: [el, la, los, las, de, del, que, y, en, es, por, para, con, una, un, se, su, al, lo, como]
        """
}
