# Resource object code (Python 3)
# Created by: object code
# Created by: The Resource Compiler for Qt version 6.11.3
# WARNING! All changes made in this file will be lost!

from PySide6 import QtCore

qt_resource_data = b"\
\x00\x00\x09H\
/\
* govboard's lig\
ht touch on the \
platform style: \
only what aids r\
eading. */\x0aQList\
Widget#navList {\
 border: none; b\
ackground: #f3f5\
f8; font-size: 1\
0.5pt; padding-t\
op: 6px; outline\
: 0; }\x0aQListWidg\
et#navList::item\
 { padding: 7px \
10px; border-rad\
ius: 4px; margin\
: 1px 6px; color\
: #1d2b3a; }\x0aQLi\
stWidget#navList\
::item:selected \
{ background: #1\
f4e79; color: wh\
ite; }\x0aQLabel[ro\
le=\x22pageTitle\x22] \
{ font-size: 15p\
t; font-weight: \
600; color: #1d2\
b3a; }\x0aQLabel[ro\
le=\x22pageHint\x22] {\
 color: #51606f;\
 }\x0aQLabel[role=\x22\
emptyState\x22] { c\
olor: #51606f; f\
ont-size: 11pt; \
padding: 24px; }\
\x0aQLabel[role=\x22co\
untMust\x22] { back\
ground: #fde2e1;\
 border: 1px sol\
id #e9a19d; bord\
er-radius: 6px; \
padding: 10px; }\
\x0aQLabel[role=\x22co\
untShould\x22] { ba\
ckground: #fff1d\
6; border: 1px s\
olid #e8c47a; bo\
rder-radius: 6px\
; padding: 10px;\
 }\x0aQLabel[role=\x22\
countAdvice\x22] { \
background: #e6f\
0fb; border: 1px\
 solid #9dbde3; \
border-radius: 6\
px; padding: 10p\
x; }\x0aQTableView \
{ gridline-color\
: #dde3ea; selec\
tion-background-\
color: #a9c9ee; \
selection-color:\
 #111; alternate\
-background-colo\
r: #f8fafc; }\x0aQH\
eaderView::secti\
on { background:\
 #eef2f6; paddin\
g: 4px 6px; bord\
er: none; border\
-bottom: 1px sol\
id #cdd6df; font\
-weight: 600; }\x0a\
QLabel[role=\x22cou\
ntMust\x22]:hover, \
QLabel[role=\x22cou\
ntMust\x22]:focus {\
 border-color: #\
c9544d; }\x0aQLabel\
[role=\x22countShou\
ld\x22]:hover, QLab\
el[role=\x22countSh\
ould\x22]:focus { b\
order-color: #c9\
9a2e; }\x0aQLabel[r\
ole=\x22countAdvice\
\x22]:hover, QLabel\
[role=\x22countAdvi\
ce\x22]:focus { bor\
der-color: #4f86\
c6; }\x0aQLabel[rol\
e=\x22sectionTitle\x22\
] { font-size: 1\
1.5pt; font-weig\
ht: 600; color: \
#1d2b3a; }\x0aQLabe\
l[role=\x22note\x22] {\
 color: #3d4a57;\
 }\x0aQTextBrowser#\
findingDetail { \
background: #fff\
fff; border: 1px\
 solid #cdd6df; \
padding: 6px; }\x0a\
QToolButton#sile\
ntToggle { color\
: #3d4a57; borde\
r: none; padding\
: 2px 0; }\x0aQPush\
Button[role=\x22lin\
k\x22] { border: no\
ne; background: \
transparent; col\
or: #1f5a96; tex\
t-align: left; p\
adding: 3px 2px;\
 }\x0aQPushButton[r\
ole=\x22link\x22]:hove\
r, QPushButton[r\
ole=\x22link\x22]:focu\
s { text-decorat\
ion: underline; \
}\x0aQToolButton#hi\
ddenColumns { co\
lor: #1f5a96; bo\
rder: none; padd\
ing: 2px 4px; }\x0a\
QToolButton#hidd\
enColumns:hover,\
 QToolButton#hid\
denColumns:focus\
 { text-decorati\
on: underline; }\
\x0aQToolButton#sid\
ebarToggle { col\
or: #1d2b3a; bor\
der: none; font-\
size: 12pt; padd\
ing: 2px 8px; }\x0a\
QToolButton#side\
barToggle:hover,\
 QToolButton#sid\
ebarToggle:focus\
 { background: #\
e1e7ee; border-r\
adius: 4px; }\x0aQW\
idget#sidebar { \
background: #f3f\
5f8; }\x0a\
\x00\x00\x01\x01\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M12 2l3 \
6 6 .9-4.5 4.3 1\
 6.3L12 16.6 6.5\
 19.5l1-6.3L3 8.\
9 9 8z\x22/></svg>\x0a\
\
\x00\x00\x01[\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
rect x=\x223\x22 y=\x223\x22\
 width=\x227\x22 heigh\
t=\x229\x22/><rect x=\x22\
14\x22 y=\x223\x22 width=\
\x227\x22 height=\x225\x22/>\
<rect x=\x2214\x22 y=\x22\
12\x22 width=\x227\x22 he\
ight=\x229\x22/><rect \
x=\x223\x22 y=\x2216\x22 wid\
th=\x227\x22 height=\x225\
\x22/></svg>\x0a\
\x00\x00\x00\xed\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
circle cx=\x2212\x22 c\
y=\x2212\x22 r=\x229\x22/><p\
ath d=\x22M12 7v5l3\
 3\x22/></svg>\x0a\
\x00\x00\x00\xf5\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M9 14L4 \
9l5-5\x22/><path d=\
\x22M4 9h11a5 5 0 0\
 1 0 10h-3\x22/></s\
vg>\x0a\
\x00\x00\x01\x1e\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
rect x=\x222\x22 y=\x227\x22\
 width=\x2220\x22 heig\
ht=\x2214\x22 rx=\x222\x22/>\
<path d=\x22M16 21V\
5a2 2 0 0 0-2-2h\
-4a2 2 0 0 0-2 2\
v16\x22/></svg>\x0a\
\x00\x00\x00\xf5\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M15 14l5\
-5-5-5\x22/><path d\
=\x22M20 9H9a5 5 0 \
0 0 0 10h3\x22/></s\
vg>\x0a\
\x00\x00\x01!\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M14 2H6a\
2 2 0 0 0-2 2v16\
a2 2 0 0 0 2 2h1\
2a2 2 0 0 0 2-2V\
8z\x22/><path d=\x22M1\
4 2v6h6M12 12v6M\
9 15h6\x22/></svg>\x0a\
\
\x00\x00\x02r\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
circle cx=\x2212\x22 c\
y=\x2212\x22 r=\x223\x22/><p\
ath d=\x22M19.4 15a\
1.7 1.7 0 0 0 .3\
 1.8l.1.1a2 2 0 \
1 1-2.8 2.8l-.1-\
.1a1.7 1.7 0 0 0\
-2.8 1.2V21a2 2 \
0 1 1-4 0v-.1A1.\
7 1.7 0 0 0 7 19\
.4l-.1.1a2 2 0 1\
 1-2.8-2.8l.1-.1\
A1.7 1.7 0 0 0 3\
 13.6H3a2 2 0 1 \
1 0-4h.1A1.7 1.7\
 0 0 0 4.6 7l-.1\
-.1a2 2 0 1 1 2.\
8-2.8l.1.1a1.7 1\
.7 0 0 0 2.8-1.2\
V3a2 2 0 1 1 4 0\
v.1a1.7 1.7 0 0 \
0 2.8 1.2l.1-.1a\
2 2 0 1 1 2.8 2.\
8l-.1.1a1.7 1.7 \
0 0 0 1.2 2.8H21\
a2 2 0 1 1 0 4h-\
.1a1.7 1.7 0 0 0\
-1.5 1z\x22/></svg>\
\x0a\
\x00\x00\x01\x01\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M12 20h9\
\x22/><path d=\x22M16.\
5 3.5a2.1 2.1 0 \
0 1 3 3L7 19l-4 \
1 1-4z\x22/></svg>\x0a\
\
\x00\x00\x00\xe9\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
circle cx=\x2212\x22 c\
y=\x2212\x22 r=\x229\x22/><p\
ath d=\x22M8 12h8\x22/\
></svg>\x0a\
\x00\x00\x01\x09\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
rect x=\x223\x22 y=\x224\x22\
 width=\x2218\x22 heig\
ht=\x2218\x22 rx=\x222\x22/>\
<path d=\x22M16 2v4\
M8 2v4M3 10h18\x22/\
></svg>\x0a\
\x00\x00\x01 \
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M14 2H6a\
2 2 0 0 0-2 2v16\
a2 2 0 0 0 2 2h1\
2a2 2 0 0 0 2-2V\
8z\x22/><path d=\x22M1\
4 2v6h6M9 13h6M9\
 17h6\x22/></svg>\x0a\
\x00\x00\x01D\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
circle cx=\x229\x22 cy\
=\x227\x22 r=\x224\x22/><pat\
h d=\x22M1 21v-2a4 \
4 0 0 1 4-4h8a4 \
4 0 0 1 4 4v2\x22/>\
<path d=\x22M17 3.1\
a4 4 0 0 1 0 7.8\
M23 21v-2a4 4 0 \
0 0-3-3.9\x22/></sv\
g>\x0a\
\x00\x00\x01\x0c\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M3 7a2 2\
 0 0 1 2-2h4l2 2\
h8a2 2 0 0 1 2 2\
v9a2 2 0 0 1-2 2\
H5a2 2 0 0 1-2-2\
z\x22/></svg>\x0a\
\x00\x00\x01-\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M10.3 3.\
9L1.8 18a2 2 0 0\
 0 1.7 3h17a2 2 \
0 0 0 1.7-3L13.7\
 3.9a2 2 0 0 0-3\
.4 0z\x22/><path d=\
\x22M12 9v4M12 17h.\
01\x22/></svg>\x0a\
\x00\x00\x01F\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 64 64\x22 width\
=\x2264\x22 height=\x2264\
\x22><rect x=\x224\x22 y=\
\x224\x22 width=\x2256\x22 h\
eight=\x2256\x22 rx=\x221\
2\x22 fill=\x22#1f4e79\
\x22/><path d=\x22M16 \
46h32M20 42V26M2\
8 42V26M36 42V26\
M44 42V26M14 24l\
18-10 18 10z\x22 st\
roke=\x22#ffffff\x22 s\
troke-width=\x223.5\
\x22 fill=\x22none\x22 st\
roke-linejoin=\x22r\
ound\x22 stroke-lin\
ecap=\x22round\x22/></\
svg>\x0a\
\x00\x00\x00\xe9\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M3 21h18\
M5 21V9l7-5 7 5v\
12M9 21v-6h6v6\x22/\
></svg>\x0a\
\x00\x00\x01<\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
circle cx=\x226\x22 cy\
=\x2212\x22 r=\x223\x22/><ci\
rcle cx=\x2218\x22 cy=\
\x226\x22 r=\x223\x22/><circ\
le cx=\x2218\x22 cy=\x221\
8\x22 r=\x223\x22/><path \
d=\x22M8.6 10.5l6.8\
-3M8.6 13.5l6.8 \
3\x22/></svg>\x0a\
\x00\x00\x00\xd3\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M12 5v14\
M5 12h14\x22/></svg\
>\x0a\
\x00\x00\x01 \
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M14 2H6a\
2 2 0 0 0-2 2v16\
a2 2 0 0 0 2 2h1\
2a2 2 0 0 0 2-2V\
8z\x22/><path d=\x22M1\
4 2v6h6M8 17h8M8\
 13h3\x22/></svg>\x0a\
\x00\x00\x01\x12\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
rect x=\x223\x22 y=\x223\x22\
 width=\x2218\x22 heig\
ht=\x2218\x22 rx=\x221\x22/>\
<path d=\x22M3 9h18\
M3 15h18M9 3v18M\
15 3v18\x22/></svg>\
\x0a\
\x00\x00\x00\xfa\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M3 6l2 2\
 4-4M3 13l2 2 4-\
4M3 20h6M13 6h8M\
13 13h8M13 20h8\x22\
/></svg>\x0a\
\x00\x00\x01(\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
rect x=\x222\x22 y=\x226\x22\
 width=\x2220\x22 heig\
ht=\x2212\x22 rx=\x222\x22/>\
<circle cx=\x2212\x22 \
cy=\x2212\x22 r=\x222.5\x22/\
><path d=\x22M6 12h\
.01M18 12h.01\x22/>\
</svg>\x0a\
\x00\x00\x01#\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 viewBox=\x22\
0 0 24 24\x22 width\
=\x2224\x22 height=\x2224\
\x22 fill=\x22none\x22 st\
roke=\x22#33475b\x22 s\
troke-width=\x222\x22 \
stroke-linecap=\x22\
round\x22 stroke-li\
nejoin=\x22round\x22><\
path d=\x22M19 21H5\
a2 2 0 0 1-2-2V5\
a2 2 0 0 1 2-2h1\
1l5 5v11a2 2 0 0\
 1-2 2z\x22/><path \
d=\x22M17 21v-8H7v8\
M7 3v5h8\x22/></svg\
>\x0a\
"

qt_resource_name = b"\
\x00\x05\
\x00o\xa6S\
\x00i\
\x00c\x00o\x00n\x00s\
\x00\x06\
\x07\xac\x02\xc3\
\x00s\
\x00t\x00y\x00l\x00e\x00s\
\x00\x07\
\x08sXc\
\x00a\
\x00p\x00p\x00.\x00q\x00s\x00s\
\x00\x0b\
\x0cu\xdd\xc7\
\x00m\
\x00e\x00m\x00b\x00e\x00r\x00s\x00.\x00s\x00v\x00g\
\x00\x0d\
\x0d\x94\x89\xc7\
\x00d\
\x00a\x00s\x00h\x00b\x00o\x00a\x00r\x00d\x00.\x00s\x00v\x00g\
\x00\x0b\
\x06FO\xa7\
\x00h\
\x00i\x00s\x00t\x00o\x00r\x00y\x00.\x00s\x00v\x00g\
\x00\x08\
\x04\xb2UG\
\x00u\
\x00n\x00d\x00o\x00.\x00s\x00v\x00g\
\x00\x09\
\x08\x87\x88g\
\x00b\
\x00o\x00a\x00r\x00d\x00.\x00s\x00v\x00g\
\x00\x08\
\x0b\xb2U\xc7\
\x00r\
\x00e\x00d\x00o\x00.\x00s\x00v\x00g\
\x00\x07\
\x04\xcaZ'\
\x00n\
\x00e\x00w\x00.\x00s\x00v\x00g\
\x00\x0c\
\x0b\xdf,\xc7\
\x00s\
\x00e\x00t\x00t\x00i\x00n\x00g\x00s\x00.\x00s\x00v\x00g\
\x00\x08\
\x0b\x07W\xa7\
\x00e\
\x00d\x00i\x00t\x00.\x00s\x00v\x00g\
\x00\x07\
\x0cGZ\x07\
\x00e\
\x00n\x00d\x00.\x00s\x00v\x00g\
\x00\x0c\
\x0a\x95\xcc\xc7\
\x00m\
\x00e\x00e\x00t\x00i\x00n\x00g\x00s\x00.\x00s\x00v\x00g\
\x00\x0d\
\x0a\x03\xca\x87\
\x00i\
\x00n\x00t\x00e\x00r\x00e\x00s\x00t\x00s\x00.\x00s\x00v\x00g\
\x00\x0a\
\x07*\x82\x07\
\x00p\
\x00e\x00o\x00p\x00l\x00e\x00.\x00s\x00v\x00g\
\x00\x08\
\x06\xc1T\x07\
\x00o\
\x00p\x00e\x00n\x00.\x00s\x00v\x00g\
\x00\x0c\
\x09F\xcc\xc7\
\x00f\
\x00i\x00n\x00d\x00i\x00n\x00g\x00s\x00.\x00s\x00v\x00g\
\x00\x0c\
\x05J\xc8g\
\x00g\
\x00o\x00v\x00b\x00o\x00a\x00r\x00d\x00.\x00s\x00v\x00g\
\x00\x07\
\x02\xd5Z'\
\x00l\
\x00g\x00b\x00.\x00s\x00v\x00g\
\x00\x07\
\x09wZ'\
\x00r\
\x00p\x00t\x00.\x00s\x00v\x00g\
\x00\x07\
\x07\xa7Z\x07\
\x00a\
\x00d\x00d\x00.\x00s\x00v\x00g\
\x00\x07\
\x06\xa9Z'\
\x00p\
\x00d\x00f\x00.\x00s\x00v\x00g\
\x00\x07\
\x0aWZ'\
\x00s\
\x00o\x00d\x00.\x00s\x00v\x00g\
\x00\x0b\
\x06\x9d\x0c\xc7\
\x00a\
\x00c\x00t\x00i\x00o\x00n\x00s\x00.\x00s\x00v\x00g\
\x00\x07\
\x06\x8cZ'\
\x00p\
\x00a\x00y\x00.\x00s\x00v\x00g\
\x00\x08\
\x08\xc8U\xe7\
\x00s\
\x00a\x00v\x00e\x00.\x00s\x00v\x00g\
"

qt_resource_struct = b"\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x01\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x18\x00\x00\x00\x04\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\x10\x00\x02\x00\x00\x00\x01\x00\x00\x00\x03\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\x22\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01\xd8\x00\x00\x00\x00\x00\x01\x00\x00\x1cF\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\x8e\x00\x00\x00\x00\x00\x01\x00\x00\x0c\xa1\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\xd2\x00\x00\x00\x00\x00\x01\x00\x00\x0f\xb5\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01\xba\x00\x00\x00\x00\x00\x01\x00\x00\x1a\xfc\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00r\x00\x00\x00\x00\x00\x01\x00\x00\x0b\xb0\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x02X\x00\x00\x00\x00\x00\x01\x00\x00\x22\x82\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x02<\x00\x00\x00\x00\x00\x01\x00\x00!\x84\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x02\x14\x00\x00\x00\x00\x00\x01\x00\x00\x1fJ\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01\x86\x00\x00\x00\x00\x00\x01\x00\x00\x18\xbb\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01l\x00\x00\x00\x00\x00\x01\x00\x00\x17s\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x02\x00\x00\x00\x00\x00\x00\x01\x00\x00\x1es\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\xa4\x00\x00\x00\x00\x00\x01\x00\x00\x0d\x9a\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x02l\x00\x00\x00\x00\x00\x01\x00\x00#\xae\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01\x9c\x00\x00\x00\x00\x00\x01\x00\x00\x19\xcb\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01\xec\x00\x00\x00\x00\x00\x01\x00\x00\x1d3\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01L\x00\x00\x00\x00\x00\x01\x00\x00\x16O\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x02(\x00\x00\x00\x00\x00\x01\x00\x00 n\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01.\x00\x00\x00\x00\x00\x01\x00\x00\x15B\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01\x04\x00\x00\x00\x00\x00\x01\x00\x00\x13P\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\xbc\x00\x00\x00\x00\x00\x01\x00\x00\x0e\xbc\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00\xe6\x00\x00\x00\x00\x00\x01\x00\x00\x10\xda\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x01\x1a\x00\x00\x00\x00\x00\x01\x00\x00\x14U\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x006\x00\x00\x00\x00\x00\x01\x00\x00\x09L\
\x00\x00\x00\x00\x00\x00\x03\xe8\
\x00\x00\x00R\x00\x00\x00\x00\x00\x01\x00\x00\x0aQ\
\x00\x00\x00\x00\x00\x00\x03\xe8\
"

def qInitResources():
    QtCore.qRegisterResourceData(0x03, qt_resource_struct, qt_resource_name, qt_resource_data)

def qCleanupResources():
    QtCore.qUnregisterResourceData(0x03, qt_resource_struct, qt_resource_name, qt_resource_data)

qInitResources()
