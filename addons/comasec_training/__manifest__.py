{
    "name": "CoMaSec Training",
    "summary": "Courses, sessions, enrolment, attendance, evaluation and certificates " "for cooperative members",
    "version": "18.0.1.0.0",
    "category": "CoMaSec",
    "website": "https://github.com/comasec/comasec-odoo",
    "author": "CoMaSec",
    "license": "LGPL-3",
    "depends": ["comasec_coop", "event", "survey", "hr", "hr_skills"],
    "data": [
        "security/ir.model.access.csv",
        "views/comasec_training_course_views.xml",
        "views/event_event_views.xml",
        "views/event_registration_views.xml",
        "views/comasec_training_attendance_views.xml",
        "wizards/comasec_training_attendance_grid_views.xml",
        "views/comasec_training_menus.xml",
    ],
    "demo": [
        "demo/comasec_training_course_demo.xml",
    ],
    "installable": True,
}
