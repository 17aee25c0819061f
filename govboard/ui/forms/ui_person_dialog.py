# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'person_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout)

class Ui_PersonDialog(object):
    def setupUi(self, PersonDialog):
        if not PersonDialog.objectName():
            PersonDialog.setObjectName(u"PersonDialog")
        PersonDialog.resize(460, 300)
        self.mainLayout = QVBoxLayout(PersonDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.titleLabel = QLabel(PersonDialog)
        self.titleLabel.setObjectName(u"titleLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.titleLabel)

        self.title = QLineEdit(PersonDialog)
        self.title.setObjectName(u"title")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.title)

        self.forenameLabel = QLabel(PersonDialog)
        self.forenameLabel.setObjectName(u"forenameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.forenameLabel)

        self.forename = QLineEdit(PersonDialog)
        self.forename.setObjectName(u"forename")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.forename)

        self.middleNamesLabel = QLabel(PersonDialog)
        self.middleNamesLabel.setObjectName(u"middleNamesLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.middleNamesLabel)

        self.middleNames = QLineEdit(PersonDialog)
        self.middleNames.setObjectName(u"middleNames")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.middleNames)

        self.surnameLabel = QLabel(PersonDialog)
        self.surnameLabel.setObjectName(u"surnameLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.surnameLabel)

        self.surname = QLineEdit(PersonDialog)
        self.surname.setObjectName(u"surname")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.surname)

        self.dateOfBirthLabel = QLabel(PersonDialog)
        self.dateOfBirthLabel.setObjectName(u"dateOfBirthLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.dateOfBirthLabel)

        self.dateOfBirth = QLineEdit(PersonDialog)
        self.dateOfBirth.setObjectName(u"dateOfBirth")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.dateOfBirth)

        self.emailLabel = QLabel(PersonDialog)
        self.emailLabel.setObjectName(u"emailLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.emailLabel)

        self.email = QLineEdit(PersonDialog)
        self.email.setObjectName(u"email")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.email)

        self.personIdLabel = QLabel(PersonDialog)
        self.personIdLabel.setObjectName(u"personIdLabel")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.personIdLabel)

        self.personId = QLineEdit(PersonDialog)
        self.personId.setObjectName(u"personId")

        self.formLayout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.personId)


        self.mainLayout.addLayout(self.formLayout)

        self.errorLabel = QLabel(PersonDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setStyleSheet(u"color: #b3261e;")
        self.errorLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.errorLabel)

        self.buttonBox = QDialogButtonBox(PersonDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.mainLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.titleLabel.setBuddy(self.title)
        self.forenameLabel.setBuddy(self.forename)
        self.middleNamesLabel.setBuddy(self.middleNames)
        self.surnameLabel.setBuddy(self.surname)
        self.dateOfBirthLabel.setBuddy(self.dateOfBirth)
        self.emailLabel.setBuddy(self.email)
        self.personIdLabel.setBuddy(self.personId)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(PersonDialog)

        QMetaObject.connectSlotsByName(PersonDialog)
    # setupUi

    def retranslateUi(self, PersonDialog):
        PersonDialog.setWindowTitle(QCoreApplication.translate("PersonDialog", u"Person", None))
        self.titleLabel.setText(QCoreApplication.translate("PersonDialog", u"&Title", None))
        self.title.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"Mr, Ms, Dr\u2026", None))
        self.forenameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Forename", None))
        self.middleNamesLabel.setText(QCoreApplication.translate("PersonDialog", u"&Middle names", None))
        self.surnameLabel.setText(QCoreApplication.translate("PersonDialog", u"&Surname", None))
        self.dateOfBirthLabel.setText(QCoreApplication.translate("PersonDialog", u"Date of &birth", None))
        self.dateOfBirth.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"dd/mm/yyyy", None))
        self.emailLabel.setText(QCoreApplication.translate("PersonDialog", u"&Email", None))
        self.personIdLabel.setText(QCoreApplication.translate("PersonDialog", u"Person &ID", None))
        self.personId.setPlaceholderText(QCoreApplication.translate("PersonDialog", u"e.g. P017", None))
        self.errorLabel.setText("")
    # retranslateUi

