"""factcheck: check claims and quotes against Chinese news articles.

Data flows one way: file -> articles (``layout``) -> sentences (``sentences``)
-> index (``store``) -> candidates and ranked matches (``match``) -> verdict
(``verdict``, ``figures``, ``quotes``) -> rendering (``render``, ``views``).
"""

__version__ = "0.1.0"
