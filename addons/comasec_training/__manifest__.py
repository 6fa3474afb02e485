{
    "name": "CoMaSec Training",
    "summary": "Courses, sessions, enrolment, attendance, evaluation and certificates " "for cooperative members",
    "version": "18.0.1.0.0",
    "category": "CoMaSec",
    "website": "https://github.com/comasec/comasec-odoo",
    "author": "CoMaSec",
    "license": "LGPL-3",
    "depends": ["comasec_coop", "event", "survey", "hr"],
    "data": [],
    "installable": True,
}
