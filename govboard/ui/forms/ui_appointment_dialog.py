# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'appointment_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout)

class Ui_AppointmentDialog(object):
    def setupUi(self, AppointmentDialog):
        if not AppointmentDialog.objectName():
            AppointmentDialog.setObjectName(u"AppointmentDialog")
        AppointmentDialog.resize(460, 300)
        self.mainLayout = QVBoxLayout(AppointmentDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.personLabel = QLabel(AppointmentDialog)
        self.personLabel.setObjectName(u"personLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.personLabel)

        self.person = QComboBox(AppointmentDialog)
        self.person.setObjectName(u"person")
        self.person.setEditable(False)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.person)

        self.roleLabel = QLabel(AppointmentDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.roleLabel)

        self.role = QComboBox(AppointmentDialog)
        self.role.setObjectName(u"role")
        self.role.setEditable(False)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.role)

        self.bodyLabel = QLabel(AppointmentDialog)
        self.bodyLabel.setObjectName(u"bodyLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.bodyLabel)

        self.body = QComboBox(AppointmentDialog)
        self.body.setObjectName(u"body")
        self.body.setEditable(False)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.body)

        self.appointedByLabel = QLabel(AppointmentDialog)
        self.appointedByLabel.setObjectName(u"appointedByLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.appointedByLabel)

        self.appointedBy = QComboBox(AppointmentDialog)
        self.appointedBy.setObjectName(u"appointedBy")
        self.appointedBy.setEditable(False)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.appointedBy)

        self.startDateLabel = QLabel(AppointmentDialog)
        self.startDateLabel.setObjectName(u"startDateLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.startDateLabel)

        self.startDate = QLineEdit(AppointmentDialog)
        self.startDate.setObjectName(u"startDate")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.startDate)

        self.termEndDateLabel = QLabel(AppointmentDialog)
        self.termEndDateLabel.setObjectName(u"termEndDateLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.termEndDateLabel)

        self.termEndDate = QLineEdit(AppointmentDialog)
        self.termEndDate.setObjectName(u"termEndDate")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.termEndDate)

        self.giasStartLabel = QLabel(AppointmentDialog)
        self.giasStartLabel.setObjectName(u"giasStartLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.giasStartLabel)

        self.giasStart = QLineEdit(AppointmentDialog)
        self.giasStart.setObjectName(u"giasStart")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.giasStart)

        self.chStartLabel = QLabel(AppointmentDialog)
        self.chStartLabel.setObjectName(u"chStartLabel")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.chStartLabel)

        self.chStart = QLineEdit(AppointmentDialog)
        self.chStart.setObjectName(u"chStart")

        self.formLayout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.chStart)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(AppointmentDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b3261e;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(AppointmentDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.personLabel.setBuddy(self.person)
        self.roleLabel.setBuddy(self.role)
        self.bodyLabel.setBuddy(self.body)
        self.appointedByLabel.setBuddy(self.appointedBy)
        self.startDateLabel.setBuddy(self.startDate)
        self.termEndDateLabel.setBuddy(self.termEndDate)
        self.giasStartLabel.setBuddy(self.giasStart)
        self.chStartLabel.setBuddy(self.chStart)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AppointmentDialog)

        QMetaObject.connectSlotsByName(AppointmentDialog)
    # setupUi

    def retranslateUi(self, AppointmentDialog):
        AppointmentDialog.setWindowTitle(QCoreApplication.translate("AppointmentDialog", u"Appointment", None))
        self.personLabel.setText(QCoreApplication.translate("AppointmentDialog", u"&Person", None))
        self.roleLabel.setText(QCoreApplication.translate("AppointmentDialog", u"&Role", None))
        self.bodyLabel.setText(QCoreApplication.translate("AppointmentDialog", u"&Body", None))
        self.appointedByLabel.setText(QCoreApplication.translate("AppointmentDialog", u"Appointed &by", None))
        self.startDateLabel.setText(QCoreApplication.translate("AppointmentDialog", u"&Start date", None))
        self.startDate.setPlaceholderText(QCoreApplication.translate("AppointmentDialog", u"dd/mm/yyyy", None))
        self.termEndDateLabel.setText(QCoreApplication.translate("AppointmentDialog", u"&Term end date", None))
        self.termEndDate.setPlaceholderText(QCoreApplication.translate("AppointmentDialog", u"dd/mm/yyyy (blank if none)", None))
        self.giasStartLabel.setText(QCoreApplication.translate("AppointmentDialog", u"&GIAS updated on", None))
        self.giasStart.setPlaceholderText(QCoreApplication.translate("AppointmentDialog", u"dd/mm/yyyy", None))
        self.chStartLabel.setText(QCoreApplication.translate("AppointmentDialog", u"&Companies House filed on", None))
        self.chStart.setPlaceholderText(QCoreApplication.translate("AppointmentDialog", u"dd/mm/yyyy (trustees)", None))
        self.errorLabel.setText("")
    # retranslateUi

